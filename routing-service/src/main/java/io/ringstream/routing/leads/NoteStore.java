package io.ringstream.routing.leads;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.LeadId;
import io.ringstream.customers.model.Note;
import io.ringstream.customers.model.NoteId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code notes} rows; every query names the tenant. Callers run these in a transaction. */
@Singleton
@Requires(beans = DataSource.class)
public class NoteStore {
    private final JdbcOperations jdbc;

    public NoteStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Note note) {
        jdbc.prepareStatement(
                "INSERT INTO notes (id, tenant, customer_id, lead_id, author, body, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                statement -> {
                    statement.setObject(1, note.id().value());
                    statement.setString(2, note.tenant());
                    statement.setObject(3, note.customerId().value());
                    statement.setObject(4, note.leadId() == null ? null : note.leadId().value());
                    statement.setString(5, note.author());
                    statement.setString(6, note.body());
                    statement.setObject(7, Sql.timestamp(note.createdAt()));
                    return statement.executeUpdate();
                });
    }

    /**
     * Up to {@code limit} notes of the customer, newest first, older than {@code after} when given.
     */
    public List<Note> page(String tenant, UUID customerId, NoteCursor after, int limit) {
        String sql =
                "SELECT id, tenant, customer_id, lead_id, author, body, created_at FROM notes"
                        + " WHERE tenant = ? AND customer_id = ?"
                        + (after == null ? "" : " AND (created_at, id) < (?, ?)")
                        + " ORDER BY created_at DESC, id DESC LIMIT ?";
        return jdbc.prepareStatement(
                sql,
                statement -> {
                    int i = 1;
                    statement.setString(i++, tenant);
                    statement.setObject(i++, customerId);
                    if (after != null) {
                        statement.setObject(i++, Sql.timestamp(after.createdAt()));
                        statement.setObject(i++, after.id());
                    }
                    statement.setInt(i, limit);
                    List<Note> notes = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            UUID lead = rows.getObject("lead_id", UUID.class);
                            notes.add(
                                    new Note(
                                            new NoteId(rows.getObject("id", UUID.class)),
                                            rows.getString("tenant"),
                                            new CustomerId(
                                                    rows.getObject("customer_id", UUID.class)),
                                            lead == null ? null : new LeadId(lead),
                                            rows.getString("author"),
                                            rows.getString("body"),
                                            Sql.instant(rows, "created_at")));
                        }
                    }
                    return notes;
                });
    }
}
