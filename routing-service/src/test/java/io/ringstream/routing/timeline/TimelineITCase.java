package io.ringstream.routing.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.routing.security.TestTokens;
import io.ringstream.testkit.ClickHouseExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The timeline against a real clickhouse-server and a real PostgreSQL: two customers of a tenant,
 * one with two merged ids redirecting to it (a chain), contacts identified late or re-identified as
 * someone else, utterances (one written twice), SLA verdicts, stage changes, bookings, payments and
 * notes, with ties on the millisecond within and across sources, and another tenant's rows naming
 * the same customer id. Paging through with a small page must give exactly the rows an independent
 * SQL query over the raw tables gives (customers attributed through the {@code contact_customers}
 * view), in the timeline's order.
 */
class TimelineITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "tl-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER = TENANT + "-other";
    private static final UUID ANA = UUID.randomUUID();
    private static final UUID BEN = UUID.randomUUID();

    /** Merged into ANA; MERGED_EARLIER was merged into MERGED before, so into ANA too. */
    private static final UUID MERGED = UUID.randomUUID();

    private static final UUID MERGED_EARLIER = UUID.randomUUID();
    private static final long T0 = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    private static EmbeddedServer server;
    private static HttpClient http;
    private static String postgresUrl;
    private static String postgresUser;
    private static String postgresPassword;

    @BeforeAll
    static void seedAndStart() {
        server =
                ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "ringstream.clickhouse.url",
                                CLICKHOUSE.jdbcUrl(),
                                "micronaut.server.port",
                                -1));
        http = HttpClient.newHttpClient();
        var env = server.getApplicationContext().getEnvironment();
        postgresUrl = env.getRequiredProperty("datasources.default.url", String.class);
        postgresUser = env.getRequiredProperty("datasources.default.username", String.class);
        postgresPassword = env.getRequiredProperty("datasources.default.password", String.class);
        seed(new TimelineSeed(CLICKHOUSE.jdbc(), TimelineITCase::postgres));
    }

    static Connection postgres() throws SQLException {
        return DriverManager.getConnection(postgresUrl, postgresUser, postgresPassword);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void seed(TimelineSeed s) {
        s.customer(TENANT, ANA, "Ana");
        s.customer(TENANT, BEN, "Ben");
        s.redirect(TENANT, MERGED, ANA);
        // Merged into MERGED, which was merged into ANA later: storage repoints the older
        // redirect to the survivor (the survivor_id foreign key needs a live customer).
        s.redirect(TENANT, MERGED_EARLIER, ANA);
        String ana = ANA.toString();
        String ben = BEN.toString();
        // Contacts: ANA's own, under both merged ids, one re-identified from BEN to ANA (ANA's),
        // one from ANA to BEN (BEN's), one still waiting, and c1/c9 starting in the same ms.
        s.contact(TENANT, "c1", ana, "VOICE", "sales", "1001", T0, 12_000, 60_000);
        s.contact(TENANT, "c9", ana, "VOICE", "sales", "1002", T0, 3_000, 20_000);
        // A sink's re-delivery of c1's answer and talk (same event ids): counted once.
        long c1Answered = T0 + 200 + 12_000;
        s.event(TENANT, "c1", "ANSWERED", "VOICE", c1Answered, "sales", "1001", ana, 12_000L, null);
        s.event(
                TENANT,
                "c1",
                "TALK_ENDED",
                "VOICE",
                c1Answered + 60_000,
                "sales",
                "1001",
                ana,
                null,
                60_000L);
        s.contact(TENANT, "c2", MERGED.toString(), "CHAT", "support", "", T0 + HOUR, 30_000, 0);
        s.contact(
                TENANT,
                "c5",
                MERGED_EARLIER.toString(),
                "VOICE",
                "sales",
                "1001",
                T0 + 2 * HOUR,
                1_000,
                5_000);
        s.contact(TENANT, "c3", ben, "VOICE", "sales", "1003", T0 + 3 * HOUR, 2_000, 7_000);
        s.event(
                TENANT,
                "c3",
                "TRANSFERRED",
                "VOICE",
                T0 + 3 * HOUR + 20_000,
                "sales",
                "1003",
                ana,
                null,
                null);
        s.contact(TENANT, "c4", ana, "VOICE", "billing", "1004", T0 + 4 * HOUR, 4_000, 8_000);
        s.event(
                TENANT,
                "c4",
                "TRANSFERRED",
                "VOICE",
                T0 + 4 * HOUR + 20_000,
                "billing",
                "1004",
                ben,
                null,
                null);
        s.event(TENANT, "c6", "ARRIVED", "VOICE", T0 + 5 * HOUR, "", "", ana, null, null);
        s.event(TENANT, "c6", "QUEUED", "VOICE", T0 + 5 * HOUR + 50, "sales", "", ana, null, null);
        s.contact(TENANT, "c7", ben, "CHAT", "support", "1005", T0 + 6 * HOUR, 1_000, 1_000);
        s.contact(OTHER, "c8", ana, "VOICE", "sales", "9999", T0 + 7 * HOUR, 1_000, 1_000);
        // Utterances, one at c1's very start (ties with the CONTACT items across kinds), one
        // written twice (FINAL collapses it), one unscored.
        s.utterance(
                TENANT,
                "u1",
                "c1",
                "VOICE",
                "CUSTOMER",
                T0,
                "Hello, I booked a tour",
                0.25,
                "POSITIVE");
        s.utterance(
                TENANT,
                "u2",
                "c1",
                "VOICE",
                "AGENT",
                T0 + 20_000,
                "How can I help?",
                0.5,
                "POSITIVE");
        s.utterance(
                TENANT,
                "u2",
                "c1",
                "VOICE",
                "AGENT",
                T0 + 20_000,
                "How can I help?",
                0.5,
                "POSITIVE");
        s.utterance(TENANT, "u3", "c1", "VOICE", "CUSTOMER", T0 + 21_000, "", null, null);
        s.utterance(
                TENANT,
                "u4",
                "c2",
                "CHAT",
                "CUSTOMER",
                T0 + HOUR + 500,
                "Nobody answers!",
                -0.75,
                "NEGATIVE");
        s.utterance(
                TENANT,
                "u5",
                "c7",
                "CHAT",
                "CUSTOMER",
                T0 + 6 * HOUR + 500,
                "Ben here",
                0.0,
                "NEUTRAL");
        s.utterance(
                OTHER,
                "u6",
                "c8",
                "VOICE",
                "CUSTOMER",
                T0 + 7 * HOUR + 500,
                "Other tenant",
                0.0,
                "NEUTRAL");
        // SLA verdicts: warnings and breaches count, MET and CANCELLED do not.
        s.sla(TENANT, "s1", "WARNING", "ANSWER", "c1", "sales", T0 + 10_200, 15_000, 10_000);
        s.sla(
                TENANT,
                "s2",
                "BREACH",
                "ANSWER",
                "c2",
                "support",
                T0 + HOUR + 20_200,
                20_000,
                20_000);
        s.sla(
                TENANT,
                "s3",
                "CANCELLED",
                "ANSWER",
                "c2",
                "support",
                T0 + HOUR + 30_200,
                20_000,
                30_000);
        s.sla(TENANT, "s4", "MET", "ANSWER", "c1", "sales", T0 + 12_200, 15_000, 12_000);
        s.sla(TENANT, "s5", "BREACH", "ANSWER", "c7", "support", T0 + 6 * HOUR + 900, 500, 900);
        s.sla(OTHER, "s6", "BREACH", "ANSWER", "c8", "sales", T0 + 7 * HOUR + 900, 500, 900);
        s.flush();
        // PostgreSQL: a lead whose first stage was recorded under the merged id.
        UUID lead = UUID.randomUUID();
        UUID benLead = UUID.randomUUID();
        s.lead(TENANT, lead, ANA);
        s.lead(TENANT, benLead, BEN);
        s.stageChange(TENANT, lead, MERGED, null, "NEW", "web-form", T0 - HOUR);
        s.stageChange(TENANT, lead, ANA, "NEW", "QUOTED", "1001", T0 + 30_000);
        s.stageChange(TENANT, lead, ANA, "QUOTED", "BOOKED", "1001", T0 + HOUR);
        s.stageChange(TENANT, benLead, BEN, null, "NEW", "voice", T0);
        s.business(TENANT, "b1", "BOOKING_MADE", ANA, "120.5", "EUR", T0 + HOUR);
        s.business(TENANT, "b2", "PAYMENT_COMPLETED", ANA, "120.50", "EUR", T0 + 2 * HOUR);
        s.business(TENANT, "b3", "STAGE_CHANGED", ANA, null, null, T0 + 2 * HOUR);
        s.business(TENANT, "b4", "BOOKING_MADE", BEN, "99", "EUR", T0 + 2 * HOUR);
        // Two notes in the same millisecond (microseconds apart) and one at c1's start.
        Instant tie = Instant.ofEpochMilli(T0 + 2 * HOUR).plusNanos(123_000);
        s.note(TENANT, UUID.randomUUID(), ANA, "1001", "Prefers mornings", tie);
        s.note(TENANT, UUID.randomUUID(), ANA, "1002", "Asked for a quote", tie.plusNanos(400_000));
        s.note(TENANT, UUID.randomUUID(), ANA, "1001", "First call", Instant.ofEpochMilli(T0));
        s.note(TENANT, UUID.randomUUID(), BEN, "1003", "Ben's note", Instant.ofEpochMilli(T0));
    }

    @Test
    void pagesConcatenateToTheSqlRecomputationOfTheRawTables() throws Exception {
        List<String> paged = new ArrayList<>();
        String before = null;
        int pages = 0;
        do {
            JsonNode page =
                    ok(timeline(ANA.toString(), 3, before, TestTokens.agent(TENANT, "1001")));
            assertThat(page.get("partial").asBoolean()).isFalse();
            assertThat(page.get("customerId").asText()).isEqualTo(ANA.toString());
            assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
            page.get("items").forEach(item -> paged.add(signature(item)));
            before = page.get("nextBefore").isNull() ? null : page.get("nextBefore").asText();
            pages++;
        } while (before != null && pages < 100);

        List<String> expected = recomputed(List.of(ANA, MERGED, MERGED_EARLIER));
        assertThat(paged).containsExactlyElementsOf(expected);
        // 6 contacts, 4 utterances, 2 SLA events, 3 stage changes, 2 business events, 3 notes.
        assertThat(paged).hasSize(20);

        // One page with everything gives the same.
        JsonNode all = ok(timeline(ANA.toString(), 200, null, TestTokens.supervisor(TENANT)));
        List<String> whole = new ArrayList<>();
        all.get("items").forEach(item -> whole.add(signature(item)));
        assertThat(whole).isEqualTo(paged);
        assertThat(all.get("nextBefore").isNull()).isTrue();
    }

    @Test
    void aContactItemSaysWhatHappenedToTheContact() throws Exception {
        JsonNode items =
                ok(timeline(ANA.toString(), 200, null, TestTokens.supervisor(TENANT))).get("items");
        JsonNode c1 = find(items, "CONTACT", "c1");
        assertThat(c1.get("time").asText()).isEqualTo(Instant.ofEpochMilli(T0).toString());
        assertThat(c1.get("title").asText()).isEqualTo("Call in sales: answered by agent 1001");
        JsonNode d = c1.get("details");
        assertThat(d.get("queue").asText()).isEqualTo("sales");
        assertThat(d.get("agentId").asText()).isEqualTo("1001");
        assertThat(d.get("waitMs").asLong()).isEqualTo(12_000);
        assertThat(d.get("talkMs").asLong()).isEqualTo(60_000);
        assertThat(d.get("outcome").asText()).isEqualTo("ANSWERED");
        assertThat(find(items, "CONTACT", "c2").get("details").get("outcome").asText())
                .isEqualTo("ABANDONED");
        assertThat(find(items, "CONTACT", "c6").get("details").get("outcome").asText())
                .isEqualTo("IN_PROGRESS");
        assertThat(find(items, "TRANSCRIPT_LINE", "u3").get("details").get("score").isNull())
                .isTrue();
        assertThat(find(items, "MESSAGE", "u4").get("details").get("score").asDouble())
                .isEqualTo(-0.75);
        assertThat(find(items, "BOOKING", "b1").get("details").get("amount").asText())
                .isEqualTo("120.50");
    }

    @Test
    void aMergedIdShowsItsSurvivorsTimeline() throws Exception {
        JsonNode page =
                ok(
                        timeline(
                                MERGED_EARLIER.toString(),
                                200,
                                null,
                                TestTokens.agent(TENANT, "1001")));
        assertThat(page.get("customerId").asText()).isEqualTo(ANA.toString());
        assertThat(page.get("items").size()).isEqualTo(20);
    }

    @Test
    void benSeesOnlyBensRows() throws Exception {
        List<String> items = new ArrayList<>();
        ok(timeline(BEN.toString(), 200, null, TestTokens.supervisor(TENANT)))
                .get("items")
                .forEach(item -> items.add(signature(item)));
        assertThat(items).containsExactlyElementsOf(recomputed(List.of(BEN)));
        assertThat(items).anyMatch(i -> i.contains("|CONTACT|c4|"));
        assertThat(items).noneMatch(i -> i.contains("|CONTACT|c3|"));
    }

    @Test
    void unknownMalformedAndOtherTenantsCustomersAre404Problems() throws Exception {
        for (HttpResponse<String> response :
                List.of(
                        timeline(
                                UUID.randomUUID().toString(),
                                10,
                                null,
                                TestTokens.supervisor(TENANT)),
                        timeline("not-a-uuid", 10, null, TestTokens.supervisor(TENANT)),
                        timeline(ANA.toString(), 10, null, TestTokens.supervisor(OTHER)),
                        timeline(MERGED.toString(), 10, null, TestTokens.agent(OTHER, "1001")))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .contains("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("type").asText())
                    .isEqualTo("https://ringstream.io/problems/unknown-customer");
        }
    }

    @Test
    void badLimitsAndCursorsAre400Problems() throws Exception {
        for (String query :
                List.of("limit=0", "limit=201", "limit=x", "before=%25%25", "before=YWJj")) {
            HttpResponse<String> response =
                    get(
                            "/v1/customers/" + ANA + "/timeline?" + query,
                            TestTokens.supervisor(TENANT));
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .contains("application/problem+json");
        }
    }

    // ---- the independent recomputation ----

    /** Every row of the customer's ids, straight from the raw tables, in timeline order. */
    private static List<String> recomputed(List<UUID> ids) throws SQLException {
        String chIds = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        String contacts =
                "SELECT contact_id FROM ringstream.contact_customers WHERE tenant = '"
                        + TENANT
                        + "' AND customer_id IN ("
                        + chIds
                        + ")";
        List<Row> rows = new ArrayList<>();
        for (List<String> r :
                CLICKHOUSE.query(
                        "SELECT min(event_time_ms), 'CONTACT', contact_id, contact_id,"
                                + " argMin(channel, event_time_ms),"
                                + " argMaxIf(queue, event_time_ms, queue != ''),"
                                + " argMaxIf(agent_id, event_time_ms, type = 'ANSWERED'),"
                                + " ifNull(sumIf(wait_ms, type IN ('ANSWERED', 'ABANDONED')), 0),"
                                + " ifNull(sumIf(duration_ms, type = 'TALK_ENDED'), 0),"
                                + " multiIf(has(groupArray(type), 'ANSWERED'), 'ANSWERED',"
                                + " has(groupArray(type), 'ABANDONED'), 'ABANDONED',"
                                + " arrayExists(t -> t IN ('ENDED', 'DEQUEUED', 'TALK_ENDED',"
                                + " 'WRAPUP_ENDED'), groupArray(type)), 'UNANSWERED', 'IN_PROGRESS'),"
                                + " max(event_time_ms)"
                                + " FROM ringstream.contact_events FINAL WHERE tenant = '"
                                + TENANT
                                + "' AND contact_id IN ("
                                + contacts
                                + ") GROUP BY contact_id")) {
            r.set(
                    r.size() - 1,
                    Instant.ofEpochMilli(Long.parseLong(r.get(r.size() - 1))).toString());
            rows.add(Row.of(r));
        }
        for (List<String> r :
                CLICKHOUSE.query(
                        "SELECT event_time_ms, if(type = 'CHAT_MESSAGE', 'MESSAGE', 'TRANSCRIPT_LINE'),"
                                + " event_id, contact_id, channel, speaker, text, language, score,"
                                + " label, confidence, model FROM ringstream.utterance_sentiment FINAL"
                                + " WHERE tenant = '"
                                + TENANT
                                + "' AND contact_id IN ("
                                + contacts
                                + ")")) {
            rows.add(Row.of(r));
        }
        for (List<String> r :
                CLICKHOUSE.query(
                        "SELECT event_time_ms, concat('SLA_', type), event_id, contact_id, kind,"
                                + " queue, agent_id, channel, policy_id, threshold_ms, elapsed_ms"
                                + " FROM ringstream.sla_events FINAL WHERE tenant = '"
                                + TENANT
                                + "' AND type IN ('WARNING', 'BREACH') AND contact_id IN ("
                                + contacts
                                + ")")) {
            rows.add(Row.of(r));
        }
        String pgIds =
                ids.stream().map(id -> "'" + id + "'::uuid").collect(Collectors.joining(", "));
        try (Connection pg = postgres();
                Statement st = pg.createStatement();
                ResultSet rs =
                        st.executeQuery(
                                "SELECT trunc(extract(epoch FROM changed_at) * 1000)::text, 'STAGE_CHANGE',"
                                        + " id::text, lead_id::text, from_stage, to_stage,"
                                        + " lost_reason, actor, NULL FROM lead_stage_changes"
                                        + " WHERE tenant = '"
                                        + TENANT
                                        + "' AND customer_id IN ("
                                        + pgIds
                                        + ") UNION ALL SELECT trunc(extract(epoch FROM"
                                        + " occurred_at) * 1000)::text, CASE WHEN type ="
                                        + " 'BOOKING_MADE' THEN 'BOOKING' ELSE 'PAYMENT' END,"
                                        + " event_id, event_id, lead_id::text, contact_id,"
                                        + " amount::text, currency, NULL FROM business_events"
                                        + " WHERE tenant = '"
                                        + TENANT
                                        + "' AND type <> 'STAGE_CHANGED' AND type <> 'LEAD_CREATED'"
                                        + " AND customer_id IN ("
                                        + pgIds
                                        + ") UNION ALL SELECT trunc(extract(epoch FROM"
                                        + " created_at) * 1000)::text, 'NOTE', id::text, author,"
                                        + " body, lead_id::text, NULL, NULL, NULL FROM notes"
                                        + " WHERE tenant = '"
                                        + TENANT
                                        + "' AND customer_id IN ("
                                        + pgIds
                                        + ")")) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> r = new ArrayList<>();
                for (int c = 1; c <= width; c++) {
                    r.add(rs.getString(c));
                }
                // The fixed-width union pads kinds with fewer detail fields with NULLs.
                int fields =
                        switch (r.get(1)) {
                            case "STAGE_CHANGE" -> 5;
                            case "BOOKING", "PAYMENT" -> 5;
                            default -> 3;
                        };
                rows.add(Row.of(r.subList(0, 3 + fields)));
            }
        }
        rows.sort(
                Comparator.comparingLong(Row::time)
                        .thenComparing(Row::kind, TimelineCursor::compareBytes)
                        .thenComparing(Row::id, TimelineCursor::compareBytes)
                        .reversed());
        return rows.stream().map(Row::signature).toList();
    }

    /** A recomputed row: time, kind, id, then the details' fields in their JSON order. */
    private record Row(long time, String kind, String id, List<String> fields) {
        static Row of(List<String> r) {
            return new Row(Long.parseLong(r.get(0)), r.get(1), r.get(2), r.subList(3, r.size()));
        }

        String signature() {
            return Instant.ofEpochMilli(time)
                    + "|"
                    + kind
                    + "|"
                    + id
                    + "|"
                    + fields.stream().map(TimelineITCase::normal).collect(Collectors.joining("|"));
        }
    }

    private static String signature(JsonNode item) {
        List<String> fields = new ArrayList<>();
        Iterator<JsonNode> values = item.get("details").elements();
        values.forEachRemaining(v -> fields.add(v.isNull() ? null : v.asText()));
        return Instant.parse(item.get("time").asText())
                + "|"
                + item.get("kind").asText()
                + "|"
                + item.get("id").asText()
                + "|"
                + fields.stream().map(TimelineITCase::normal).collect(Collectors.joining("|"));
    }

    /** Numbers compare by value ({@code 120.50} = {@code 120.5000}, {@code 0.5} = {@code 0.50}). */
    private static String normal(String value) {
        if (value == null) {
            return "null";
        }
        if (value.matches("-?[0-9]+\\.[0-9]+")) {
            return new BigDecimal(value).stripTrailingZeros().toPlainString();
        }
        return value;
    }

    private static JsonNode find(JsonNode items, String kind, String id) {
        for (JsonNode item : items) {
            if (item.get("kind").asText().equals(kind) && item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no " + kind + " " + id + " in " + items);
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> timeline(String id, int limit, String before, String token)
            throws Exception {
        return get(
                "/v1/customers/"
                        + id
                        + "/timeline?limit="
                        + limit
                        + (before == null
                                ? ""
                                : "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8)),
                token);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
