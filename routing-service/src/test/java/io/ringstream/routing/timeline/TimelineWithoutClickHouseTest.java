package io.ringstream.routing.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.routing.security.TestTokens;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ClickHouse down (nothing listens where the service looks for it): the timeline still answers,
 * with the PostgreSQL items, {@code partial: true} and the ClickHouse sources named as failed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineWithoutClickHouseTest implements TestPropertyProvider {
    private static final String TENANT = "tl-down";

    @Inject EmbeddedServer server;
    @Inject TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "ringstream.clickhouse.url",
                "jdbc:clickhouse://127.0.0.1:" + closedPort() + "/ringstream?compress=false");
    }

    @Test
    void answersWithThePostgresItemsAndSaysWhichSourcesFailed() throws Exception {
        UUID customer = UUID.randomUUID();
        transactions.executeWrite(
                status -> insertCustomerWithANote(status.getConnection(), customer));

        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        server.getURL()
                                                                + "/v1/customers/"
                                                                + customer
                                                                + "/timeline"))
                                        .header(
                                                "Authorization",
                                                "Bearer " + TestTokens.agent(TENANT, "1001"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = new ObjectMapper().readTree(response.body());
        assertThat(page.get("partial").asBoolean()).isTrue();
        assertThat(page.get("failedSources").toString())
                .isEqualTo("[\"contacts\",\"messages\",\"sla-events\",\"segment-changes\"]");
        assertThat(page.get("items")).hasSize(1);
        JsonNode note = page.get("items").get(0);
        assertThat(note.get("kind").asText()).isEqualTo("NOTE");
        assertThat(note.get("time").asText()).isEqualTo("2026-11-02T09:00:00.123Z");
        assertThat(note.get("title").asText()).isEqualTo("Note by 1001: Call back on Monday");
        assertThat(note.get("details").get("body").asText()).isEqualTo("Call back on Monday");
    }

    private static Object insertCustomerWithANote(Connection c, UUID customer) throws SQLException {

        try (PreparedStatement s =
                c.prepareStatement(
                        "INSERT INTO customers (id, tenant, created_at, updated_at, version)"
                                + " VALUES (?, ?, now(), now(), 1)")) {
            s.setObject(1, customer);
            s.setString(2, TENANT);
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement(
                        "INSERT INTO notes (id, tenant, customer_id, author, body, created_at)"
                                + " VALUES (?, ?, ?, '1001', 'Call back on Monday', ?)")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, TENANT);
            s.setObject(3, customer);
            s.setTimestamp(4, Timestamp.from(Instant.parse("2026-11-02T09:00:00.123Z")));
            s.executeUpdate();
        }
        return null;
    }

    /** A port nothing listens on: taken from the OS, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
