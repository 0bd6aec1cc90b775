package io.ringstream.routing.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.clickhouse.Table;
import io.ringstream.routing.screenpop.CustomerCard.RecentContact;
import io.ringstream.testkit.ClickHouseExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The card's recent contacts against a real clickhouse-server (18.16 here, so the SQL stays within
 * what both it and current releases accept): which contacts are the customer's (also one whose
 * first events came before the customer was known, and one routed under a merged id), newest first
 * and at most the limit, each with its outcome, wait, talk and the customer's sentiment.
 */
class ClickHouseRecentContactsITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final long T0 = 1_700_000_000_000L;

    private final String tenant = "card-" + UUID.randomUUID().toString().substring(0, 8);
    private final String customer = UUID.randomUUID().toString();
    private final String merged = UUID.randomUUID().toString();
    private final String someoneElse = UUID.randomUUID().toString();

    private RecentContacts recent;

    @BeforeEach
    void seed() {
        recent = new ClickHouseRecentContacts(CLICKHOUSE.jdbc().dataSource());
        // k1, the oldest: queued, then ended without an answer.
        event("k1-a", "k1", "ARRIVED", 1_000, "", "", customer, null, null);
        event("k1-q", "k1", "QUEUED", 1_010, "support", "", customer, null, null);
        event("k1-e", "k1", "ENDED", 1_500, "", "", customer, null, null);
        // k2: its caller was identified after ARRIVED, whose row has no customer id; answered,
        // talked, and the talk's event delivered twice (the sink is at least once).
        event("k2-a", "k2", "ARRIVED", 2_000, "", "", "", null, null);
        event("k2-i", "k2", "IDENTIFIED", 2_001, "", "", customer, null, null);
        event("k2-q", "k2", "QUEUED", 2_010, "support", "", customer, null, null);
        event("k2-o", "k2", "OFFERED", 2_020, "support", "1002", customer, null, null);
        event("k2-n", "k2", "ANSWERED", 14_010, "support", "1002", customer, 12_000L, null);
        event("k2-t", "k2", "TALK_ENDED", 198_010, "support", "1002", customer, null, 184_000L);
        event("k2-t", "k2", "TALK_ENDED", 198_010, "support", "1002", customer, null, 184_000L);
        event("k2-e", "k2", "ENDED", 198_020, "", "1002", customer, null, null);
        // k3: abandoned after 30 s in the queue.
        event("k3-a", "k3", "ARRIVED", 300_000, "", "", customer, null, null);
        event("k3-q", "k3", "QUEUED", 300_010, "sales", "", customer, null, null);
        event("k3-x", "k3", "ABANDONED", 330_010, "sales", "", customer, 30_000L, null);
        event("k3-e", "k3", "ENDED", 330_020, "", "", customer, null, null);
        // k4: routed under a customer id that was later merged into this one; still queued.
        event("k4-a", "k4", "ARRIVED", 400_000, "", "", merged, null, null);
        event("k4-q", "k4", "QUEUED", 400_010, "support", "", merged, null, null);
        // The contact being offered now, someone else's contact and an unknown caller's.
        event("now-a", "now", "ARRIVED", 500_000, "", "", customer, null, null);
        event("x-a", "x", "ARRIVED", 450_000, "", "", someoneElse, null, null);
        event("u-a", "u", "ARRIVED", 460_000, "", "", "", null, null);

        // k2's conversation: the customer scored 0.1 and 0.3 (mean 0.2), rolling 0.25 at the
        // end; the agent's scores count for neither.
        turn("k2", 1, "CUSTOMER", 0.1, 0.1);
        turn("k2", 2, "AGENT", 0.9, 0.1);
        turn("k2", 3, "CUSTOMER", 0.3, 0.25);
        turn("k2", 4, "AGENT", -0.5, 0.25);
        // k3: one unscored customer utterance (a language without a model).
        turn("k3", 1, "CUSTOMER", null, null);
    }

    @Test
    void theLastThreeContactsNewestFirstWithOutcomeWaitTalkAndSentiment() {
        List<RecentContact> last = recent.latest(tenant, List.of(customer, merged), "now", 3);

        assertThat(last)
                .containsExactly(
                        new RecentContact(
                                "k4",
                                "VOICE",
                                "support",
                                null,
                                T0 + 400_000,
                                null,
                                null,
                                "IN_PROGRESS",
                                null,
                                null),
                        new RecentContact(
                                "k3",
                                "VOICE",
                                "sales",
                                null,
                                T0 + 300_000,
                                30_000L,
                                null,
                                "ABANDONED",
                                null,
                                null),
                        new RecentContact(
                                "k2",
                                "VOICE",
                                "support",
                                "1002",
                                T0 + 2_000,
                                12_000L,
                                184_000L,
                                "ANSWERED",
                                0.2,
                                0.25));
    }

    @Test
    void aContactEndedUnansweredHasNoWaitAndNoTalk() {
        List<RecentContact> all = recent.latest(tenant, List.of(customer), "now", 10);

        assertThat(all).extracting(RecentContact::contactId).containsExactly("k3", "k2", "k1");
        assertThat(all.get(2))
                .isEqualTo(
                        new RecentContact(
                                "k1",
                                "VOICE",
                                "support",
                                null,
                                T0 + 1_000,
                                null,
                                null,
                                "ENDED",
                                null,
                                null));
    }

    @Test
    void aCustomerWithoutContactsHasNone() {
        assertThat(recent.latest(tenant, List.of(UUID.randomUUID().toString()), "now", 3))
                .isEmpty();
        assertThat(recent.latest(tenant, List.of(), "now", 3)).isEmpty();
    }

    private void event(
            String eventId,
            String contact,
            String type,
            long offsetMs,
            String queue,
            String agent,
            String customerId,
            Long waitMs,
            Long durationMs) {
        long at = T0 + offsetMs;
        CLICKHOUSE.execute(
                "INSERT INTO "
                        + Table.CONTACT_EVENTS.qualifiedName()
                        + " (event_id, tenant, contact_id, type, channel, event_date, event_time,"
                        + " event_time_ms, source, queue, agent_id, customer_id, wait_ms,"
                        + " duration_ms, reason, attributes) VALUES ('"
                        + tenant
                        + "-"
                        + eventId
                        + "', '"
                        + tenant
                        + "', '"
                        + contact
                        + "', '"
                        + type
                        + "', 'VOICE', toDate(toDateTime("
                        + at / 1000
                        + ")), toDateTime("
                        + at / 1000
                        + "), "
                        + at
                        + ", 'test', '"
                        + queue
                        + "', '"
                        + agent
                        + "', '"
                        + customerId
                        + "', "
                        + (waitMs == null ? "NULL" : waitMs)
                        + ", "
                        + (durationMs == null ? "NULL" : durationMs)
                        + ", '', '{}')");
    }

    private void turn(String contact, int turn, String speaker, Double score, Double rolling) {
        long at = T0 + 10_000L * turn;
        CLICKHOUSE.execute(
                "INSERT INTO "
                        + Table.CONVERSATION_SENTIMENT.qualifiedName()
                        + " (tenant, contact_id, turn, event_id, speaker, event_date, event_time,"
                        + " event_time_ms, customer_turn, score, conversation_rolling,"
                        + " customer_rolling, agent_rolling, customer_trend, alerting, language,"
                        + " queue, agent_id, updated_at_ms) VALUES ('"
                        + tenant
                        + "', '"
                        + contact
                        + "', "
                        + turn
                        + ", '"
                        + contact
                        + "-u"
                        + turn
                        + "', '"
                        + speaker
                        + "', toDate(toDateTime("
                        + at / 1000
                        + ")), toDateTime("
                        + at / 1000
                        + "), "
                        + at
                        + ", "
                        + turn
                        + ", "
                        + (score == null ? "NULL" : score)
                        + ", NULL, "
                        + (rolling == null ? "NULL" : rolling)
                        + ", NULL, 0, 0, 'en', 'support', '1002', "
                        + at
                        + ")");
    }
}
