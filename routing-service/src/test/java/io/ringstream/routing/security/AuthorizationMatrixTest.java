package io.ringstream.routing.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.web.router.Router;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.funnels.FunnelStore;
import io.ringstream.routing.kafka.CommandSink;
import io.ringstream.routing.kafka.RecordingCommandSink;
import io.ringstream.routing.live.Assignments;
import io.ringstream.routing.live.RoutingView;
import io.ringstream.routing.supervisor.QueueSnapshot;
import io.ringstream.routing.supervisor.QueueStatsReader;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.ClientRecord;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import io.ringstream.security.tokens.SigningKey;
import io.ringstream.security.tokens.TokenIssuer;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint of routing-service, called by every kind of caller, answers the status this matrix
 * says: 2xx, 401 or 403. A refusal always has a problem body. {@link
 * #everyRouteOfTheServiceHasARow()} fails when an endpoint is added without a row here, so no door
 * is added unlocked.
 */
@MicronautTest(transactional = false)
@Property(name = "ringstream.routing.route-wait", value = "50ms")
class AuthorizationMatrixTest {
    private static final String TENANT = "acme-matrix";
    private static final String OTHER_TENANT = "beta-matrix";
    private static final String SELF = "1001";
    private static final String PASSWORD = "matrix-password-1";

    /** The columns: who calls. */
    enum Who {
        NONE,
        EXPIRED,
        WRONG_SIGNATURE,
        AGENT_SELF,
        AGENT_OTHER,
        SUPERVISOR,
        SUPERVISOR_OTHER_TENANT,
        PBX,
        ADMIN
    }

    /** A request; {@code authorization} replaces the caller's bearer token when set. */
    record Call(
            String method,
            String path,
            String body,
            String contentType,
            String authorization,
            Map<String, String> headers) {
        Call(String method, String path, String body, String contentType, String authorization) {
            this(method, path, body, contentType, authorization, Map.of());
        }

        /** The same call with one more request header (If-Match, Idempotency-Key). */
        Call with(String header, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(header, value);
            return new Call(method, path, body, contentType, authorization, more);
        }

        static Call get(String path) {
            return new Call("GET", path, null, null, null);
        }

        static Call post(String path, String json) {
            return new Call("POST", path, json, "application/json", null);
        }

        static Call put(String path, String json) {
            return new Call("PUT", path, json, "application/json", null);
        }

        static Call delete(String path) {
            return new Call("DELETE", path, null, null, null);
        }
    }

    private static final int[] AGENT_ONLY = {401, 401, 401, 2, 403, 403, 403, 403, 403};
    private static final int[] AGENT_OR_PBX = {401, 401, 401, 2, 403, 403, 403, 2, 403};
    private static final int[] SUPERVISOR_ONLY = {401, 401, 401, 403, 403, 2, 403, 403, 403};
    // A page without a tenant in its address: every supervisor opens their own tenant's.
    private static final int[] ANY_SUPERVISOR = {401, 401, 401, 403, 403, 2, 2, 403, 403};
    private static final int[] ADMIN_ONLY = {401, 401, 401, 403, 403, 403, 403, 403, 2};
    private static final int[] SUPERVISOR_OR_ADMIN = {401, 401, 401, 403, 403, 2, 403, 403, 2};
    private static final int[] PBX_ONLY = {401, 401, 401, 403, 403, 403, 403, 2, 403};
    private static final int[] PBX_OR_ADMIN = {401, 401, 401, 403, 403, 403, 403, 2, 2};
    private static final int[] ANYONE = {2, 2, 2, 2, 2, 2, 2, 2, 2};
    private static final int[] AUTHENTICATED = {401, 401, 401, 2, 2, 2, 2, 2, 2};
    // Customer data: any agent or supervisor of the tenant; another tenant's customer is not found.
    private static final int[] CUSTOMER_DATA = {401, 401, 401, 2, 2, 2, 404, 403, 403};
    private static final int[] INGEST_OR_ADMIN = {401, 401, 401, 403, 403, 403, 403, 403, 2};
    private static final String CUSTOMER = "6d1f2c3a-0000-4000-8000-00000000c001";
    private static final String LEAD = "6d1f2c3a-0000-4000-8000-00000000a001";
    private static final String MERGED_CUSTOMER = "6d1f2c3a-0000-4000-8000-00000000c002";

    /** Route template to the call that exercises it and the expected status per {@link Who}. */
    private static Map<String, Map.Entry<Call, int[]>> matrix() {
        String q = "?tenant=" + TENANT;
        String agent = "/v1/agents/" + SELF;
        Map<String, Map.Entry<Call, int[]>> m = new LinkedHashMap<>();
        m.put("GET /health", Map.entry(Call.get("/health"), ANYONE));
        // The pages carry no data (docs/channels.md, "Pages"): anonymous, GET only.
        m.put("GET /chat/demo", Map.entry(Call.get("/chat/demo"), ANYONE));
        m.put("GET /chat/config.js", Map.entry(Call.get("/chat/config.js"), ANYONE));
        m.put("GET /desktop", Map.entry(Call.get("/desktop"), ANYONE));
        m.put(
                "POST /v1/auth/login",
                Map.entry(
                        Call.post(
                                "/v1/auth/login",
                                "{\"tenant\":\""
                                        + TENANT
                                        + "\",\"username\":\"matrix-user\",\"password\":\""
                                        + PASSWORD
                                        + "\"}"),
                        ANYONE));
        m.put(
                "POST /v1/auth/token",
                Map.entry(
                        new Call(
                                "POST",
                                "/v1/auth/token",
                                "grant_type=client_credentials",
                                "application/x-www-form-urlencoded",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("matrix-client:" + PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8))),
                        ANYONE));
        m.put(
                "POST /v1/auth/stream-ticket",
                Map.entry(
                        Call.post("/v1/auth/stream-ticket?path=" + agent + "/assignments", ""),
                        AGENT_ONLY));
        m.put(
                "POST /v1/auth/session",
                Map.entry(
                        Call.post(
                                "/v1/auth/session",
                                "{\"tenant\":\""
                                        + TENANT
                                        + "\",\"username\":\"matrix-user\",\"password\":\""
                                        + PASSWORD
                                        + "\"}"),
                        ANYONE));
        m.put("DELETE /v1/auth/session", Map.entry(Call.delete("/v1/auth/session"), ANYONE));
        m.put("GET /v1/auth/me", Map.entry(Call.get("/v1/auth/me"), AUTHENTICATED));
        m.put(
                "POST /v1/route",
                Map.entry(
                        Call.post(
                                "/v1/route",
                                "{\"tenant\":\""
                                        + TENANT
                                        + "\",\"contactId\":\"c-route\",\"queue\":\"support\","
                                        + "\"waitMillis\":0}"),
                        PBX_ONLY));
        m.put(
                "POST /v1/contacts/{contactId}/end",
                Map.entry(
                        Call.post("/v1/contacts/c1/end" + q, ""),
                        new int[] {401, 401, 401, 2, 403, 2, 403, 2, 403}));
        m.put(
                "POST /v1/contacts/{contactId}/abandon",
                Map.entry(
                        Call.post("/v1/contacts/c1/abandon" + q, ""),
                        new int[] {401, 401, 401, 403, 403, 2, 403, 2, 403}));
        m.put(
                "POST /v1/contacts/{contactId}/identification",
                Map.entry(
                        Call.post(
                                "/v1/contacts/c-identify/identification",
                                "{\"callerNumber\":\"+34612345678\"}"),
                        PBX_OR_ADMIN));
        m.put(
                "POST /v1/agents/{agentId}/login",
                Map.entry(
                        Call.post(
                                agent + "/login",
                                "{\"tenant\":\"" + TENANT + "\",\"queues\":[\"support\"]}"),
                        AGENT_ONLY));
        m.put(
                "POST /v1/agents/{agentId}/state",
                Map.entry(
                        Call.post(
                                agent + "/state",
                                "{\"tenant\":\"" + TENANT + "\",\"state\":\"READY\"}"),
                        AGENT_ONLY));
        m.put(
                "POST /v1/agents/{agentId}/wrap-up-done",
                Map.entry(Call.post(agent + "/wrap-up-done" + q, ""), AGENT_ONLY));
        m.put(
                "POST /v1/agents/{agentId}/offers/{offerId}/accept",
                Map.entry(Call.post(agent + "/offers/o1/accept" + q, ""), AGENT_OR_PBX));
        m.put(
                "POST /v1/agents/{agentId}/offers/{offerId}/reject",
                Map.entry(Call.post(agent + "/offers/o1/reject" + q, ""), AGENT_OR_PBX));
        m.put(
                "GET /v1/agents/{agentId}/assignments",
                Map.entry(Call.get(agent + "/assignments" + q), AGENT_ONLY));
        m.put(
                "GET /v1/agents/{agentId}/endpoint",
                Map.entry(Call.get(agent + "/endpoint" + q), SUPERVISOR_OR_ADMIN));
        m.put(
                "PUT /v1/agents/{agentId}/endpoint",
                Map.entry(
                        Call.put(agent + "/endpoint" + q, "{\"endpoint\":\"PJSIP/" + SELF + "\"}"),
                        SUPERVISOR_OR_ADMIN));
        m.put(
                "GET /v1/supervisor/live",
                Map.entry(Call.get("/v1/supervisor/live" + q), SUPERVISOR_ONLY));
        // The wallboard (docs/wallboard.md): the page and its data for supervisors only.
        m.put("GET /wallboard", Map.entry(Call.get("/wallboard"), ANY_SUPERVISOR));
        m.put("GET /v1/wallboard", Map.entry(Call.get("/v1/wallboard" + q), SUPERVISOR_ONLY));
        m.put(
                "GET /v1/wallboard/stream",
                Map.entry(Call.get("/v1/wallboard/stream" + q), SUPERVISOR_ONLY));
        m.put(
                "GET /v1/supervisor/alerts",
                Map.entry(Call.get("/v1/supervisor/alerts" + q), SUPERVISOR_ONLY));
        m.put(
                "GET /v1/supervisor/queues",
                Map.entry(Call.get("/v1/supervisor/queues" + q), SUPERVISOR_ONLY));
        m.put(
                "GET /v1/supervisor/queues/{queue}",
                Map.entry(Call.get("/v1/supervisor/queues/sales" + q), SUPERVISOR_ONLY));
        m.put("GET /v1/admin/users", Map.entry(Call.get("/v1/admin/users" + q), ADMIN_ONLY));
        m.put(
                "PUT /v1/admin/users/{username}",
                Map.entry(
                        Call.put(
                                "/v1/admin/users/new-user" + q,
                                "{\"roles\":[\"AGENT\"],\"password\":\"" + PASSWORD + "\"}"),
                        ADMIN_ONLY));
        m.put(
                "DELETE /v1/admin/users/{username}",
                Map.entry(Call.delete("/v1/admin/users/doomed-user" + q), ADMIN_ONLY));
        m.put("GET /v1/admin/clients", Map.entry(Call.get("/v1/admin/clients" + q), ADMIN_ONLY));
        m.put(
                "POST /v1/admin/clients",
                Map.entry(
                        Call.post(
                                "/v1/admin/clients" + q,
                                "{\"clientId\":\"new-client\",\"roles\":[\"PBX\"]}"),
                        ADMIN_ONLY));
        m.put(
                "DELETE /v1/admin/clients/{clientId}",
                Map.entry(Call.delete("/v1/admin/clients/doomed-client" + q), ADMIN_ONLY));
        m.put(
                "GET /v1/admin/endpoint-policy",
                Map.entry(Call.get("/v1/admin/endpoint-policy" + q), ADMIN_ONLY));
        m.put(
                "PUT /v1/admin/endpoint-policy",
                Map.entry(
                        Call.put(
                                "/v1/admin/endpoint-policy" + q,
                                "{\"technologies\":[\"PJSIP\",\"SIP\"],\"extension\":\"[0-9]{2,8}\"}"),
                        ADMIN_ONLY));
        String customer = "/v1/customers/" + CUSTOMER;
        m.put(
                "POST /v1/customers/{customerId}/leads",
                Map.entry(
                        Call.post(customer + "/leads", "{\"sourceChannel\":\"voice\"}"),
                        CUSTOMER_DATA));
        m.put(
                "GET /v1/customers/{customerId}/leads",
                Map.entry(Call.get(customer + "/leads"), CUSTOMER_DATA));
        m.put("GET /v1/leads/{leadId}", Map.entry(Call.get("/v1/leads/" + LEAD), CUSTOMER_DATA));
        m.put(
                "POST /v1/leads/{leadId}/stage",
                Map.entry(
                        Call.post("/v1/leads/" + LEAD + "/stage", "{\"stage\":\"CONTACTED\"}")
                                .with("If-Match", "\"1\""),
                        CUSTOMER_DATA));
        m.put(
                "POST /v1/customers/{customerId}/notes",
                Map.entry(Call.post(customer + "/notes", "{\"body\":\"hi\"}"), CUSTOMER_DATA));
        m.put(
                "GET /v1/customers/{customerId}/notes",
                Map.entry(Call.get(customer + "/notes"), CUSTOMER_DATA));
        m.put(
                "POST /v1/business-events",
                Map.entry(
                        Call.post(
                                        "/v1/business-events",
                                        "{\"type\":\"BOOKING_MADE\",\"customerId\":\""
                                                + CUSTOMER
                                                + "\",\"amount\":\"10\",\"currency\":\"EUR\"}")
                                .with("Idempotency-Key", "matrix-booking"),
                        INGEST_OR_ADMIN));
        m.put(
                "GET /v1/customers/{id}/timeline",
                Map.entry(
                        Call.get("/v1/customers/" + CUSTOMER + "/timeline?limit=5"),
                        CUSTOMER_DATA));
        customerRows(m);
        return m;
    }

    /** Customers' routes: another tenant's caller with the right role gets 404, never 403. */
    private static void customerRows(Map<String, Map.Entry<Call, int[]>> m) {
        String q = "?tenant=" + TENANT;
        int[] customers = {401, 401, 401, 2, 2, 2, 2, 403, 2};
        int[] oneCustomer = {401, 401, 401, 2, 2, 2, 404, 403, 2};
        int[] merge = {401, 401, 401, 403, 403, 2, 404, 403, 2};
        String one = "/v1/customers/" + CUSTOMER;
        m.put(
                "POST /v1/customers",
                Map.entry(Call.post("/v1/customers", "{\"displayName\":\"Matrix\"}"), customers));
        m.put("GET /v1/customers", Map.entry(Call.get("/v1/customers?name=mat"), customers));
        m.put("GET /v1/customers/{id}", Map.entry(Call.get(one), oneCustomer));
        m.put(
                "PUT /v1/customers/{id}",
                Map.entry(
                        Call.put(one, "{\"displayName\":\"Matrix 2\"}").with("If-Match", "\"1\""),
                        oneCustomer));
        m.put(
                "POST /v1/customers/{id}/identities",
                Map.entry(
                        Call.post(
                                one + "/identities", "{\"kind\":\"EMAIL\",\"value\":\"m2@x.es\"}"),
                        oneCustomer));
        m.put(
                "DELETE /v1/customers/{id}/identities/{kind}/{value}",
                Map.entry(Call.delete(one + "/identities/EMAIL/matrix@x.es"), oneCustomer));
        m.put(
                "POST /v1/customers/{survivorId}/merge",
                Map.entry(
                        Call.post(one + "/merge", "{\"mergedId\":\"" + MERGED_CUSTOMER + "\"}"),
                        merge));
        m.put(
                "POST /v1/customers/{id}/erasure",
                Map.entry(Call.post(one + "/erasure", ""), ADMIN_ONLY));
        m.put(
                "GET /v1/admin/customer-settings",
                Map.entry(Call.get("/v1/admin/customer-settings"), ADMIN_ONLY));
        m.put(
                "PUT /v1/admin/customer-settings",
                Map.entry(
                        Call.put("/v1/admin/customer-settings", "{\"defaultRegion\":\"ES\"}"),
                        ADMIN_ONLY));
        String funnels = "/v1/admin/funnels";
        m.put("GET /v1/admin/funnels", Map.entry(Call.get(funnels + q), SUPERVISOR_OR_ADMIN));
        m.put(
                "PUT /v1/admin/funnels/{funnelId}",
                Map.entry(
                        Call.put(
                                funnels + "/matrix" + q,
                                "{\"name\":\"Matrix\",\"windowMillis\":86400000,"
                                        + "\"orderMode\":\"ORDERED\",\"attribution\":\"LAST_TOUCH\","
                                        + "\"steps\":[{\"name\":\"booked\",\"kind\":\"BUSINESS\","
                                        + "\"eventType\":\"BOOKING_MADE\"}]}"),
                        SUPERVISOR_OR_ADMIN));
        m.put(
                "DELETE /v1/admin/funnels/{funnelId}",
                Map.entry(Call.delete(funnels + "/matrix" + q), SUPERVISOR_OR_ADMIN));
    }

    @Inject EmbeddedServer server;
    @Inject Router router;
    @Inject RoutingView view;
    @Inject CredentialStore store;
    @Inject PasswordHasher hasher;
    @Inject AgentEndpoints endpoints;
    @Inject AlertFeed alerts;
    @Inject TransactionOperations<Connection> transactions;
    @Inject JdbcOperations jdbc;
    @Inject FunnelStore funnels;

    private final HttpClient http = HttpClient.newHttpClient();

    @MockBean(CommandSink.class)
    CommandSink recording() {
        return new RecordingCommandSink();
    }

    /** Today's figures are not what this test is about: a fixed answer instead of ClickHouse. */
    @MockBean(QueueStatsReader.class)
    QueueStatsReader figures() {
        return tenant -> List.of(new QueueSnapshot("sales", 3, 2, 1, 0, 1.0, 4.0));
    }

    @Test
    void everyRouteOfTheServiceHasARow() {
        // Micronaut answers HEAD for every GET; the GET row covers both (see withHeadTwins).
        Set<String> routes =
                router.uriRoutes()
                        .map(
                                r ->
                                        r.getHttpMethodName().replace("HEAD", "GET")
                                                + " "
                                                + template(r.getUriMatchTemplate().toString()))
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(routes).isNotEmpty().isEqualTo(new TreeSet<>(matrix().keySet()));
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryCaller() {
        return withHeadTwins().entrySet().stream()
                .flatMap(
                        row ->
                                Stream.of(Who.values())
                                        .map(
                                                who ->
                                                        DynamicTest.dynamicTest(
                                                                row.getKey() + " as " + who,
                                                                () ->
                                                                        check(
                                                                                row.getValue()
                                                                                        .getKey(),
                                                                                who,
                                                                                row.getValue()
                                                                                        .getValue()[
                                                                                        who
                                                                                                .ordinal()]))));
    }

    /** The matrix, plus a HEAD row for each GET row with the same expectations. */
    private static Map<String, Map.Entry<Call, int[]>> withHeadTwins() {
        Map<String, Map.Entry<Call, int[]>> rows = new LinkedHashMap<>(matrix());
        matrix().forEach(
                        (route, row) -> {
                            Call get = row.getKey();
                            if (get.method().equals("GET")) {
                                rows.put(
                                        route.replace("GET", "HEAD"),
                                        Map.entry(
                                                new Call("HEAD", get.path(), null, null, null),
                                                row.getValue()));
                            }
                        });
        return rows;
    }

    private void check(Call call, Who who, int expected) throws Exception {
        fixtures();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.getURL() + call.path()))
                        .timeout(Duration.ofSeconds(10))
                        .method(
                                call.method(),
                                call.body() == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        String authorization = call.authorization() != null ? call.authorization() : bearer(who);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        call.headers().forEach(request::header);
        // Streams never end: read the status and headers, then hang up.
        HttpResponse<InputStream> response =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                        .get(15, TimeUnit.SECONDS);
        int status = response.statusCode();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String body =
                contentType.startsWith("text/event-stream")
                        ? ""
                        : new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        response.body().close();
        if (expected == 2) {
            assertThat(status).as("status, body %s", body).isBetween(200, 299);
        } else if (call.method().equals("HEAD")) {
            assertThat(status).isEqualTo(expected);
        } else {
            assertThat(status).as("status, body %s", body).isEqualTo(expected);
            assertThat(contentType).startsWith("application/problem+json");
            assertThat(body).contains("\"status\":" + expected);
        }
    }

    /** The state each call expects; re-made before each, since some calls delete or change it. */
    private void fixtures() {
        customerFixtures();
        store.putUser(
                new UserRecord(TENANT, "matrix-user", Set.of(Role.AGENT), hasher.hash(PASSWORD)));
        store.putUser(
                new UserRecord(TENANT, "doomed-user", Set.of(Role.AGENT), hasher.hash(PASSWORD)));
        store.putClient(
                new ClientRecord("matrix-client", TENANT, Set.of(Role.PBX), hasher.hash(PASSWORD)));
        store.putClient(
                new ClientRecord("doomed-client", TENANT, Set.of(Role.PBX), hasher.hash(PASSWORD)));
        store.removeClient("new-client");
        endpoints.set(TENANT, SELF, "PJSIP/" + SELF);
        customerAndLead();
        funnels.save(
                FunnelDefinition.of(
                        "matrix-funnel",
                        TENANT,
                        1L,
                        "test",
                        "matrix",
                        "Matrix",
                        List.of(
                                FunnelDefinition.Step.business(
                                        "booked", BusinessEventType.BOOKING_MADE)),
                        Duration.ofDays(1),
                        FunnelDefinition.OrderMode.ORDERED,
                        FunnelDefinition.Attribution.LAST_TOUCH),
                "matrix",
                java.time.Instant.now());
        view.apply(Assignments.of(AssignmentType.OFFERED, TENANT, "o1", "c1", SELF));
        // The alert stream sends its headers with its first event: one recent alert.
        alerts.apply(
                SupervisorAlert.of(
                        "matrix-alert",
                        SupervisorAlert.Kind.SLA_BREACH,
                        TENANT,
                        "c1",
                        Assignments.T0,
                        "sla",
                        "support",
                        null,
                        SupervisorAlert.Severity.CRITICAL,
                        "breach",
                        Map.of()));
    }

    /**
     * The customers the customer routes act on, back at version 1: {@code CUSTOMER} (with an e-mail
     * identity, not erased) and {@code MERGED_CUSTOMER} (merged into it by the merge row).
     */
    private void customerFixtures() {
        transactions.executeWrite(
                status -> {
                    for (String sql :
                            List.of(
                                    "DELETE FROM customer_merges WHERE tenant = ?",
                                    "DELETE FROM customer_redirects WHERE tenant = ?",
                                    "INSERT INTO customers (id, tenant, created_at, updated_at,"
                                            + " version) VALUES ('"
                                            + CUSTOMER
                                            + "', ?, now(), now(), 1), ('"
                                            + MERGED_CUSTOMER
                                            + "', ?, now(), now(), 1) ON CONFLICT (id) DO UPDATE"
                                            + " SET version = 1, erased_at = NULL",
                                    "DELETE FROM customer_identities WHERE tenant = ?",
                                    "INSERT INTO customer_identities (tenant, kind, value,"
                                            + " customer_id, raw, created_at) VALUES (?, 'EMAIL',"
                                            + " 'matrix@x.es', '"
                                            + CUSTOMER
                                            + "', 'matrix@x.es', now())")) {
                        jdbc.prepareStatement(
                                sql,
                                statement -> {
                                    int parameters =
                                            statement.getParameterMetaData().getParameterCount();
                                    for (int i = 1; i <= parameters; i++) {
                                        statement.setString(i, TENANT);
                                    }
                                    return statement.executeUpdate();
                                });
                    }
                    return null;
                });
    }

    /** A customer of the tenant with one lead, back in NEW at version 1 (a stage call moves it). */
    private void customerAndLead() {
        transactions.executeWrite(
                status -> {
                    jdbc.prepareStatement(
                            "INSERT INTO customers (id, tenant, created_at, updated_at, version)"
                                    + " VALUES (?::uuid, ?, now(), now(), 1) ON CONFLICT DO NOTHING",
                            statement -> {
                                statement.setString(1, CUSTOMER);
                                statement.setString(2, TENANT);
                                return statement.executeUpdate();
                            });
                    return jdbc.prepareStatement(
                            "INSERT INTO leads (id, tenant, customer_id, stage, source_channel,"
                                    + " created_at, updated_at, version)"
                                    + " VALUES (?::uuid, ?, ?::uuid, 'NEW', 'voice', now(), now(), 1)"
                                    + " ON CONFLICT (id) DO UPDATE SET stage = 'NEW', version = 1,"
                                    + " lost_reason = NULL",
                            statement -> {
                                statement.setString(1, LEAD);
                                statement.setString(2, TENANT);
                                statement.setString(3, CUSTOMER);
                                return statement.executeUpdate();
                            });
                });
    }

    private static String bearer(Who who) {
        String token =
                switch (who) {
                    case NONE -> null;
                    case EXPIRED ->
                            new TokenIssuer(
                                            SigningKey.loadOrCreate(TestTokens.KEY_FILE),
                                            Clock.systemUTC())
                                    .issue(
                                            Caller.of(SELF, TENANT, Role.AGENT),
                                            Duration.ofMinutes(-10));
                    case WRONG_SIGNATURE ->
                            new TokenIssuer(
                                            SigningKey.fromSecret("x".repeat(48)),
                                            Clock.systemUTC())
                                    .issue(
                                            Caller.of(SELF, TENANT, Role.AGENT),
                                            Duration.ofMinutes(10));
                    case AGENT_SELF -> TestTokens.agent(TENANT, SELF);
                    case AGENT_OTHER -> TestTokens.agent(TENANT, "1002");
                    case SUPERVISOR -> TestTokens.supervisor(TENANT);
                    case SUPERVISOR_OTHER_TENANT -> TestTokens.supervisor(OTHER_TENANT);
                    case PBX -> TestTokens.pbx(TENANT);
                    case ADMIN -> TestTokens.admin(TENANT);
                };
        return token == null ? null : "Bearer " + token;
    }

    /** A route's path template without its query part ({@code {?tenant}}). */
    private static String template(String uriTemplate) {
        int query = uriTemplate.indexOf("{?");
        return query < 0 ? uriTemplate : uriTemplate.substring(0, query);
    }
}
