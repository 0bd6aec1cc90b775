package io.ringstream.routing.customers;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** Plain SQL for tests: fixtures the API does not create (leads, notes) and checks of raw rows. */
final class Sql {
    private final TransactionOperations<Connection> transactions;
    private final JdbcOperations jdbc;

    Sql(TransactionOperations<Connection> transactions, JdbcOperations jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    void exec(String statement, Object... args) {
        transactions.executeWrite(
                status ->
                        jdbc.prepareStatement(
                                statement,
                                s -> {
                                    for (int i = 0; i < args.length; i++) {
                                        s.setObject(i + 1, args[i]);
                                    }
                                    return s.executeUpdate();
                                }));
    }

    /** The first column of every row, as text. */
    List<String> column(String query, Object... args) {
        return transactions.executeRead(
                status ->
                        jdbc.prepareStatement(
                                query,
                                s -> {
                                    for (int i = 0; i < args.length; i++) {
                                        s.setObject(i + 1, args[i]);
                                    }
                                    List<String> values = new ArrayList<>();
                                    try (var rows = s.executeQuery()) {
                                        while (rows.next()) {
                                            values.add(rows.getString(1));
                                        }
                                    }
                                    return values;
                                }));
    }

    String one(String query, Object... args) {
        List<String> values = column(query, args);
        return values.isEmpty() ? null : values.get(0);
    }
}
