package io.ringstream.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the config a local server runs with, instead of reusing the package's
 * /etc/clickhouse-server/config.xml: that file opens an interserver port, listens on every loopback
 * address, writes a query log and points tmp/user files at /var/lib/clickhouse. Ours opens only the
 * HTTP and native ports on 127.0.0.1, keeps every path inside the data directory and pins the time
 * zone to UTC so DateTime columns read the same on every machine.
 */
final class ServerConfig {
    static final String CONFIG_DIR = "conf";
    static final String LOG_DIR = "logs";

    private ServerConfig() {}

    /** Writes {@code conf/config.xml} and {@code conf/users.xml}; returns the config file. */
    static Path write(Path dataDir, int httpPort, int tcpPort) {
        Path confDir = dataDir.resolve(CONFIG_DIR);
        Path logDir = dataDir.resolve(LOG_DIR);
        try {
            Files.createDirectories(confDir);
            Files.createDirectories(logDir);
            Path config = confDir.resolve("config.xml");
            Files.writeString(config, configXml(dataDir, logDir, httpPort, tcpPort));
            Files.writeString(confDir.resolve("users.xml"), USERS_XML);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ClickHouse config in " + confDir, e);
        }
    }

    static Path errorLog(Path dataDir) {
        return dataDir.resolve(LOG_DIR).resolve("clickhouse-server.err.log");
    }

    static Path consoleLog(Path dataDir) {
        return dataDir.resolve(LOG_DIR).resolve("console.log");
    }

    static String configXml(Path dataDir, Path logDir, int httpPort, int tcpPort) {
        String data = dir(dataDir);
        return """
                <?xml version="1.0"?>
                <!-- Written by Ringstream's LocalClickHouseServer on every start; edits are lost. -->
                <yandex>
                    <logger>
                        <level>warning</level>
                        <log>%s</log>
                        <errorlog>%s</errorlog>
                        <size>100M</size>
                        <count>3</count>
                    </logger>
                    <listen_host>127.0.0.1</listen_host>
                    <http_port>%d</http_port>
                    <tcp_port>%d</tcp_port>
                    <path>%s</path>
                    <tmp_path>%stmp/</tmp_path>
                    <user_files_path>%suser_files/</user_files_path>
                    <format_schema_path>%sformat_schemas/</format_schema_path>
                    <users_config>users.xml</users_config>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <timezone>UTC</timezone>
                    <max_concurrent_queries>100</max_concurrent_queries>
                    <keep_alive_timeout>3</keep_alive_timeout>
                    <mark_cache_size>268435456</mark_cache_size>
                    <uncompressed_cache_size>268435456</uncompressed_cache_size>
                    <mlock_executable>false</mlock_executable>
                </yandex>
                """
                .formatted(
                        xml(logDir.resolve("clickhouse-server.log").toString()),
                        xml(logDir.resolve("clickhouse-server.err.log").toString()),
                        httpPort,
                        tcpPort,
                        data,
                        data,
                        data,
                        data);
    }

    private static String dir(Path dataDir) {
        String path = dataDir.toAbsolutePath().normalize().toString();
        return xml(path.endsWith("/") ? path : path + "/");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static final String USERS_XML =
            """
            <?xml version="1.0"?>
            <!-- Written by Ringstream's LocalClickHouseServer: one password-less user, loopback only. -->
            <yandex>
                <profiles>
                    <default>
                        <max_memory_usage>4000000000</max_memory_usage>
                        <use_uncompressed_cache>0</use_uncompressed_cache>
                    </default>
                </profiles>
                <users>
                    <default>
                        <password></password>
                        <networks>
                            <ip>127.0.0.1</ip>
                            <ip>::1</ip>
                        </networks>
                        <profile>default</profile>
                        <quota>default</quota>
                    </default>
                </users>
                <quotas>
                    <default>
                        <interval>
                            <duration>3600</duration>
                            <queries>0</queries>
                            <errors>0</errors>
                            <result_rows>0</result_rows>
                            <read_rows>0</read_rows>
                            <execution_time>0</execution_time>
                        </interval>
                    </default>
                </quotas>
            </yandex>
            """;
}
