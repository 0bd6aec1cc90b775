package io.ringstream.launcher;

import io.ringstream.clickhouse.ClickHouseJdbc;
import io.ringstream.clickhouse.LocalClickHouseServer;
import io.ringstream.clickhouse.RunningServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./ringstream sql "SELECT ..."}: one query against the local ClickHouse of a data dir,
 * printed as tab-separated rows. Uses the server that {@code up} runs, or starts one on the same
 * directory just for this query.
 */
final class SqlCommand {
    private SqlCommand() {}

    static final String USAGE =
            "usage: ./ringstream sql [--data-dir DIR] [--header] \"SELECT ...\"";

    static int run(String[] args, Path defaultDataDir, PrintStream out) {
        Path dataDir = defaultDataDir;
        boolean header = false;
        List<String> sql = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> {
                    if (++i >= args.length) {
                        throw new IllegalArgumentException("--data-dir needs a value");
                    }
                    dataDir = Path.of(args[i]);
                }
                case "--header" -> header = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    // An unknown option is a typo, not SQL: ClickHouse would answer "Empty query".
                    if (sql.isEmpty() && args[i].startsWith("--")) {
                        throw new IllegalArgumentException(
                                "unknown option " + args[i] + "; " + USAGE);
                    }
                    sql.add(args[i]);
                }
            }
        }
        if (sql.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        Path clickhouseDir = LocalLayout.of(dataDir).clickhouse();
        Optional<RunningServer> running = LocalClickHouseServer.findRunning(clickhouseDir);
        if (running.isPresent()) {
            print(running.get().jdbc(), String.join(" ", sql), header, out);
            return 0;
        }
        // Nothing runs on this directory: start a server on free ports for this one query.
        try (LocalClickHouseServer server = LocalClickHouseServer.startOnFreePorts(clickhouseDir)) {
            server.migrate();
            print(server.jdbc(), String.join(" ", sql), header, out);
        }
        return 0;
    }

    private static void print(ClickHouseJdbc jdbc, String sql, boolean header, PrintStream out) {
        out.print(jdbc.queryTable(sql).toTabSeparated(header));
        out.flush();
    }
}
