package io.ringstream.routing.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.routing.security.TestTokens;
import io.ringstream.routing.web.ProblemException;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Merging moves everything to the survivor the user chose, leaves a redirect and an audit, and
 * publishes both changes; concurrent merges of the same customers queue, one wins, and nothing is
 * left half-merged.
 */
@MicronautTest(transactional = false)
class CustomerMergeTest {
    @Inject EmbeddedServer server;
    @Inject JsonMapper json;
    @Inject CustomerMerger merger;
    @Inject CustomerResolver resolver;
    @Inject TransactionOperations<Connection> transactions;
    @Inject JdbcOperations jdbc;

    ApiCalls api;
    Sql sql;
    String tenant;
    String supervisor;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(server.getURL(), json);
        sql = new Sql(transactions, jdbc);
        tenant = "t-" + UUID.randomUUID();
        supervisor = TestTokens.supervisor(tenant);
    }

    @Test
    void theSurvivorGetsEverythingAndTheMergedIdRedirectsToIt() {
        String ana =
                create(
                        "{\"displayName\":\"Ana\",\"tags\":[\"vip\"],"
                                + "\"consents\":{\"marketing\":\"GRANTED\"},\"identities\":["
                                + "{\"kind\":\"PHONE\",\"value\":\"+34612345678\",\"primary\":true}]}");
        String dup =
                create(
                        "{\"displayName\":\"Ana García\",\"tier\":\"gold\",\"tags\":[\"spa\"],"
                                + "\"consents\":{\"marketing\":\"DENIED\"},\"identities\":["
                                + "{\"kind\":\"PHONE\",\"value\":\"+34699112233\",\"primary\":true},"
                                + "{\"kind\":\"EMAIL\",\"value\":\"ana@x.es\"}]}");
        UUID lead = UUID.randomUUID();
        sql.exec(
                "INSERT INTO leads (id, tenant, customer_id, stage, source_channel, created_at,"
                        + " updated_at, version) VALUES (?, ?, ?, 'NEW', 'voice', now(), now(), 1)",
                lead,
                tenant,
                UUID.fromString(dup));
        sql.exec(
                "INSERT INTO lead_stage_changes (tenant, lead_id, customer_id, to_stage, actor,"
                        + " changed_at) VALUES (?, ?, ?, 'NEW', 'a', now())",
                tenant,
                lead,
                UUID.fromString(dup));
        UUID note = UUID.randomUUID();
        sql.exec(
                "INSERT INTO notes (id, tenant, customer_id, author, body, created_at)"
                        + " VALUES (?, ?, ?, '1001', 'wants a sea view', now())",
                note,
                tenant,
                UUID.fromString(dup));
        sql.exec(
                "INSERT INTO business_events (tenant, idempotency_key, request_hash, event_id, type,"
                        + " customer_id, occurred_at, received_at) VALUES (?, 'k1', 'h', 'e1',"
                        + " 'BOOKING', ?, now(), now())",
                tenant,
                UUID.fromString(dup));

        ApiCalls.Answer merged =
                api.call(
                                "POST",
                                "/v1/customers/" + ana + "/merge",
                                supervisor,
                                "{\"mergedId\":\"" + dup + "\",\"reason\":\"same person\"}",
                                "If-Match",
                                "\"1\"")
                        .ok(200);

        assertThat(merged.header("ETag")).isEqualTo("\"2\"");
        assertThat(merged.body())
                .containsEntry("id", ana)
                .containsEntry("displayName", "Ana")
                .containsEntry("tier", "gold")
                .containsEntry("tags", List.of("spa", "vip"));
        assertThat(((Map<?, ?>) merged.body().get("consents")).get("marketing"))
                .isEqualTo("DENIED");
        assertThat(merged.body().get("identities").toString())
                .contains("+34612345678", "+34699112233", "ana@x.es");
        ApiCalls.Answer old = api.call("GET", "/v1/customers/" + dup, supervisor, null).ok(200);
        assertThat(old.id()).isEqualTo(ana);
        assertThat(old.header("Content-Location")).isEqualTo("/v1/customers/" + ana);
        for (String table : List.of("leads", "notes", "business_events", "lead_stage_changes")) {
            assertThat(
                            sql.column(
                                    "SELECT DISTINCT customer_id::text FROM "
                                            + table
                                            + " WHERE tenant = ?",
                                    tenant))
                    .as(table)
                    .containsExactly(ana);
        }
        assertThat(sql.one("SELECT count(*) FROM customers WHERE id = ?::uuid", dup))
                .isEqualTo("0");
        String audit =
                sql.one(
                        "SELECT audit::text FROM customer_merges WHERE tenant = ? AND merged_id = ?::uuid",
                        tenant,
                        dup);
        assertThat(audit)
                .contains("\"displayName\": \"Ana García\"", lead.toString(), note.toString());
        assertThat(sql.one("SELECT reason FROM customer_merges WHERE tenant = ?", tenant))
                .isEqualTo("same person");
        assertThat(
                        sql.column(
                                "SELECT event_id FROM outbox WHERE event_key IN (?, ?) ORDER BY id",
                                ana,
                                dup))
                .containsExactly(
                        CustomerChange.idOf(tenant, ana, 1, CustomerChangeType.CREATED),
                        CustomerChange.idOf(tenant, dup, 1, CustomerChangeType.CREATED),
                        CustomerChange.idOf(tenant, ana, 2, CustomerChangeType.UPDATED),
                        CustomerChange.idOf(tenant, dup, 2, CustomerChangeType.MERGED));

        assertThat(
                        api.call(
                                        "POST",
                                        "/v1/customers/" + ana + "/merge",
                                        supervisor,
                                        "{\"mergedId\":\"" + dup + "\"}")
                                .problem(409))
                .startsWith("ALREADY_REDIRECTED");
        String third = create("{}");
        assertThat(
                        api.call(
                                        "POST",
                                        "/v1/customers/" + dup + "/merge",
                                        supervisor,
                                        "{\"mergedId\":\"" + third + "\"}")
                                .problem(409))
                .startsWith("SURVIVOR_REDIRECTED");
        assertThat(
                        api.call(
                                        "POST",
                                        "/v1/customers/" + ana + "/merge",
                                        supervisor,
                                        "{\"mergedId\":\"" + ana + "\"}")
                                .problem(409))
                .startsWith("SAME_CUSTOMER");
        api.call(
                        "POST",
                        "/v1/customers/" + ana + "/merge",
                        supervisor,
                        "{\"mergedId\":\"" + third + "\"}",
                        "If-Match",
                        "\"1\"")
                .problem(412);
    }

    @Test
    void mergingASurvivorOnwardKeepsOldIdsResolving() {
        UUID a = UUID.fromString(create("{}"));
        UUID b = UUID.fromString(create("{}"));
        UUID c = UUID.fromString(create("{}"));

        merger.merge(tenant, "t", b, a, null, null);
        merger.merge(tenant, "t", c, b, null, null);

        assertThat(resolver.resolveId(tenant, a)).contains(c);
        assertThat(resolver.resolveId(tenant, b)).contains(c);
        assertThat(api.call("GET", "/v1/customers/" + a, supervisor, null).ok(200).id())
                .isEqualTo(c.toString());
    }

    @Test
    void crossedMergesOfOnePairSerialiseAndOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID a =
                    UUID.fromString(
                            create(
                                    "{\"identities\":[{\"kind\":\"EMAIL\",\"value\":\"a"
                                            + round
                                            + "@x.es\"}]}"));
            UUID b =
                    UUID.fromString(
                            create(
                                    "{\"identities\":[{\"kind\":\"EMAIL\",\"value\":\"b"
                                            + round
                                            + "@x.es\"}]}"));
            List<Object> outcomes =
                    race(
                            List.of(
                                    () -> merger.merge(tenant, "t", a, b, null, null),
                                    () -> merger.merge(tenant, "t", b, a, null, null),
                                    () -> merger.merge(tenant, "t", a, b, null, null),
                                    () -> merger.merge(tenant, "t", b, a, null, null)));

            assertThat(outcomes).filteredOn(o -> o instanceof CustomerView).hasSize(1);
            assertThat(outcomes)
                    .filteredOn(o -> !(o instanceof CustomerView))
                    .allSatisfy(o -> assertThat(o).isEqualTo(409));
            consistent(List.of(a, b), 1);
        }
    }

    @Test
    void aRingOfConcurrentMergesNeverDeadlocksAndLeavesEveryIdResolving() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID a = UUID.fromString(create("{}"));
            UUID b = UUID.fromString(create("{}"));
            UUID c = UUID.fromString(create("{}"));
            List<Object> outcomes =
                    race(
                            List.of(
                                    () -> merger.merge(tenant, "t", a, b, null, null),
                                    () -> merger.merge(tenant, "t", b, c, null, null),
                                    () -> merger.merge(tenant, "t", c, a, null, null)));

            long wins = outcomes.stream().filter(o -> o instanceof CustomerView).count();
            assertThat(wins).isBetween(1L, 2L);
            assertThat(outcomes)
                    .filteredOn(o -> !(o instanceof CustomerView))
                    .allSatisfy(o -> assertThat(o).isEqualTo(409));
            consistent(List.of(a, b, c), 3 - (int) wins);
        }
    }

    /** Each merge's result, or the status of the problem it was refused with. */
    private List<Object> race(List<Callable<CustomerView>> merges) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(merges.size());
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<CustomerView> merge : merges) {
                futures.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    try {
                                        return merge.call();
                                    } catch (ProblemException e) {
                                        return e.getStatus().getCode();
                                    }
                                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code live} of the ids still have rows; every id resolves to one of them. */
    private void consistent(List<UUID> ids, int live) {
        List<String> rows = new ArrayList<>();
        for (UUID id : ids) {
            rows.addAll(sql.column("SELECT id::text FROM customers WHERE id = ?", id));
        }
        assertThat(rows).hasSize(live);
        for (UUID id : ids) {
            assertThat(resolver.resolveId(tenant, id))
                    .hasValueSatisfying(to -> assertThat(rows).contains(to.toString()));
        }
        assertThat(
                        sql.column(
                                "SELECT merged_id::text FROM customer_redirects WHERE merged_id = ANY (?)",
                                (Object) ids.toArray(UUID[]::new)))
                .hasSize(ids.size() - live);
    }

    private String create(String body) {
        return api.call("POST", "/v1/customers", supervisor, body).ok(201).id();
    }
}
