package io.ringstream.routing.screenpop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.security.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

/**
 * The setup the identification API tests share (callers on {@code /v1/route} and {@code
 * /identification}, chat identities on {@code /v1/route}), over real HTTP and a real PostgreSQL
 * (TestDatabase): a fresh tenant per test, so tests never see each other's rows, PBX-authenticated
 * posts, customers made directly and rows counted by tenant. Subclasses declare
 * {@code @MicronautTest} and their own {@code CommandSink} mock bean.
 */
abstract class IdentificationApiFixture {
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject EmbeddedServer server;
    @Inject CustomerResolver customers;
    @Inject TransactionOperations<Connection> transactions;
    final HttpClient http = HttpClient.newHttpClient();
    final String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);

    /** POSTs {@code json} to {@code path} as tenant {@code t}'s PBX. */
    HttpResponse<String> send(String t, String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TestTokens.pbx(t))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Routes a call from {@code number} as tenant {@code t}'s PBX, not waiting for an agent. */
    HttpResponse<String> routeCall(String t, String contactId, String number) throws Exception {
        return send(
                t,
                "/v1/route",
                JSON.writeValueAsString(
                        Map.of(
                                "contactId",
                                contactId,
                                "queue",
                                "support",
                                "callerNumber",
                                number,
                                "waitMillis",
                                0)));
    }

    /** A new customer of tenant {@code t} holding the identity. */
    UUID create(String t, IdentityKind kind, String value, String name) {
        IdentityMatch created = customers.findOrCreate(t, kind, value, "test", name);
        return ((IdentityMatch.Created) created).customerId();
    }

    /** Tenant {@code t}'s customer settings (null region: none). */
    void settings(String t, String region, boolean create) {
        transactions.executeWrite(
                status -> {
                    try (PreparedStatement s =
                            status.getConnection()
                                    .prepareStatement(
                                            "INSERT INTO tenant_customer_settings (tenant,"
                                                    + " default_region, create_unknown_callers,"
                                                    + " updated_at) VALUES (?, ?, ?, now())")) {
                        s.setString(1, t);
                        s.setString(2, region);
                        s.setBoolean(3, create);
                        return s.executeUpdate();
                    }
                });
    }

    /** {@code sql}'s count, its one parameter this test's tenant. */
    long count(String sql) {
        return count(sql, tenant);
    }

    /** {@code sql}'s count, its one parameter tenant {@code t}. */
    long count(String sql, String t) {
        return transactions.executeRead(
                status -> {
                    try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                        s.setString(1, t);
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                });
    }
}
