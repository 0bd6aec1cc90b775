package io.ringstream.routing.wallboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringstream.clickhouse.Table;
import io.ringstream.testkit.ClickHouseExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wallboard's SQL against a real clickhouse-server (18.16 in our tests): known rows of today in
 * {@code queue_kpis} (one interval emitted three times with rising versions, so only FINAL gives
 * the right sums), {@code agent_kpis} (a day row emitted twice) and {@code conversation_sentiment},
 * beside rows of another tenant and of yesterday that must not count. Every expected figure is
 * worked out by hand from the rows below.
 */
class ClickHouseKpiSourceITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    // Tenants of their own, so rows of other tests sharing the server never count here.
    private static final String TENANT = "wb-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER = TENANT + "-other";

    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC);
    private static final long S = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    private static final long MIN = 60_000;
    private static final long H = 60 * MIN;
    // "Now" is 10:00 of today (UTC): the agents' last states run until then.
    private static final long NOW = S + 10 * H;

    private static KpiFigures figures;

    @BeforeAll
    static void insertADayAndReadIt() {
        // queue_kpis, sales: interval 08:00 emitted twice (the second wins), 08:15 once.
        kpis(TENANT, "sales", "interval", S + 8 * H, 1, Kpi.of(4, 2, 1, 0, 1, 0, 10_000, 1))
                .erlang(3, 2.5)
                .insert();
        kpis(TENANT, "sales", "interval", S + 8 * H, 7, Kpi.of(6, 4, 1, 1, 3, 0, 24_000, 3))
                .handling(300_000, 30_000, 30_000)
                .erlang(4, 3.0)
                .insert();
        kpis(
                        TENANT,
                        "sales",
                        "interval",
                        S + 8 * H + 15 * MIN,
                        9,
                        Kpi.of(5, 3, 2, 0, 2, 1, 36_000, 2))
                .handling(200_000, 0, 20_000)
                .erlang(5, 4.5)
                .insert();
        // An older emission of 08:15 written after the newer one: FINAL keeps version 9.
        kpis(TENANT, "sales", "interval", S + 8 * H + 15 * MIN, 8, Kpi.of(1, 1, 0, 0, 1, 0, 1, 1))
                .erlang(9, 9.0)
                .insert();
        // support: one interval 08:00, Erlang unknown (NULL).
        kpis(TENANT, "support", "interval", S + 8 * H, 3, Kpi.of(2, 1, 1, 0, 1, 1, 5_000, 1))
                .handling(60_000, 6_000, 4_000)
                .erlang(null, 1.0)
                .insert();
        // Must not count: yesterday's last interval, a sliding window, another tenant.
        kpis(TENANT, "sales", "interval", S - 15 * MIN, 5, Kpi.of(50, 50, 0, 0, 50, 0, 9, 50))
                .erlang(50, 50.0)
                .insert();
        kpis(TENANT, "sales", "sliding", S + 8 * H, 5, Kpi.of(40, 40, 0, 0, 40, 0, 9, 40)).insert();
        kpis(OTHER, "sales", "interval", S + 8 * H, 5, Kpi.of(30, 30, 0, 0, 30, 0, 9, 30)).insert();

        // agent_kpis day rows (what the SLA job wrote for the day so far). a1: emitted twice, the
        // later version wins: 3 answered; 2 handled with talk 180 s, hold 30 s, wrap-up 30 s;
        // working 100 min, ready 80 min.
        agentDay(TENANT, "a1", "day", S, S + 9 * H, 2, 1, 120_000, 0, 20_000, 60, 70);
        agentDay(TENANT, "a1", "day", S, NOW - 5_000, 3, 2, 180_000, 30_000, 30_000, 100, 80);
        // a3 was busy across midnight: working 40 min today, ready 10, nothing handled.
        agentDay(TENANT, "a3", "day", S, S + 60 * MIN, 0, 0, 0, 0, 0, 40, 10);
        // Must not count: a1's interval row, yesterday's day, another tenant's a1.
        agentDay(TENANT, "a1", "interval", S + 9 * H, NOW, 9, 9, 900_000, 0, 0, 5, 5);
        agentDay(TENANT, "a4", "day", S - 24 * H, S, 5, 5, 500_000, 0, 0, 50, 50);
        agentDay(OTHER, "a1", "day", S, NOW, 7, 7, 700_000, 0, 0, 70, 70);

        // conversation_sentiment of c3: the latest scored customer row wins; an agent row (no
        // customer score) later does not replace it; another tenant's c3 never counts.
        sentiment(TENANT, "c3", 1, S + 9 * H + MIN, -0.2);
        sentiment(TENANT, "c3", 2, S + 9 * H + 2 * MIN, -0.5);
        // A redelivery of that row (the query reads without FINAL): the same answer.
        sentiment(TENANT, "c3", 2, S + 9 * H + 2 * MIN, -0.5);
        sentiment(TENANT, "c3", 3, S + 9 * H + 3 * MIN, null);
        sentiment(OTHER, "c3", 4, S + 9 * H + 4 * MIN, 0.9);
        // c1 is over: a1's current contact is c3 only.
        sentiment(TENANT, "c1", 1, S + 8 * H + MIN, 0.7);

        LiveFigures live =
                new LiveFigures(
                        NOW,
                        List.of(),
                        List.of(
                                new LiveFigures.AgentNow(
                                        "a1",
                                        "BUSY",
                                        null,
                                        S + 9 * H,
                                        List.of("sales"),
                                        List.of("c3")),
                                new LiveFigures.AgentNow(
                                        "a2",
                                        "AVAILABLE",
                                        null,
                                        NOW,
                                        List.of("sales"),
                                        List.of())));
        ClickHouseKpiSource source =
                new ClickHouseKpiSource(
                        CLICKHOUSE.jdbc().dataSource(),
                        Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        figures = source.today(TENANT, live);
    }

    @Test
    void queuesSumTodaysLatestIntervalEmissions() {
        assertThat(figures.asOf()).isEqualTo(NOW);
        assertThat(figures.stale()).isFalse();
        assertThat(figures.queues())
                .extracting(KpiFigures.QueueToday::queue)
                .containsExactly("sales", "support");

        KpiFigures.QueueToday sales = figures.queues().get(0);
        // Winning rows: 08:00 version 7 and 08:15 version 9.
        assertThat(sales.offered()).isEqualTo(6 + 5);
        assertThat(sales.answered()).isEqualTo(4 + 3);
        assertThat(sales.abandoned()).isEqualTo(1 + 2);
        assertThat(sales.abandonRate()).isCloseTo((1 + 2) / 11.0, within(1e-9));
        // abandons-count-against: within ÷ (answered + abandoned − short) = 5 ÷ (7 + 3 − 1).
        assertThat(sales.slConvention()).isEqualTo("abandons-count-against");
        assertThat(sales.serviceLevel()).isCloseTo((3 + 2) / 9.0, within(1e-9));
        assertThat(sales.slTargetShare()).isEqualTo(0.8);
        assertThat(sales.slThresholdSeconds()).isEqualTo(20);
        // ASA: total wait ÷ answered = 60 s ÷ 7.
        assertThat(sales.asaSeconds()).isCloseTo((24.0 + 36.0) / 7, within(1e-9));
        // AHT: (talk + hold + wrap-up) ÷ handled = (500 + 30 + 50) s ÷ 5.
        assertThat(sales.ahtSeconds()).isCloseTo((500.0 + 30 + 50) / (3 + 2), within(1e-9));
        // Erlang and staffing of the latest interval (08:15, version 9).
        assertThat(sales.agentsRequired()).isEqualTo(5);
        assertThat(sales.agentsStaffed()).isEqualTo(4.5);

        KpiFigures.QueueToday support = figures.queues().get(1);
        assertThat(support.offered()).isEqualTo(2);
        assertThat(support.answered()).isEqualTo(1);
        assertThat(support.abandoned()).isEqualTo(1);
        assertThat(support.abandonRate()).isEqualTo(0.5);
        assertThat(support.serviceLevel()).isEqualTo(1 / 2.0);
        assertThat(support.asaSeconds()).isEqualTo(5.0);
        assertThat(support.ahtSeconds()).isEqualTo(70.0);
        assertThat(support.agentsRequired()).isNull();
        assertThat(support.agentsStaffed()).isEqualTo(1.0);
    }

    @Test
    void intervalsAreTodaysFifteenMinutesAcrossQueues() {
        assertThat(figures.intervals())
                .extracting(KpiFigures.Interval::start)
                .containsExactly(S + 8 * H, S + 8 * H + 15 * MIN);
        KpiFigures.Interval eight = figures.intervals().get(0);
        // sales version 7 + support.
        assertThat(eight.offered()).isEqualTo(6 + 2);
        assertThat(eight.answered()).isEqualTo(4 + 1);
        assertThat(eight.abandoned()).isEqualTo(1 + 1);
        // (3 + 1) ÷ ((4 + 1) + (1 + 1) − 1)
        assertThat(eight.serviceLevel()).isCloseTo(4 / 6.0, within(1e-9));
        KpiFigures.Interval quarterPast = figures.intervals().get(1);
        assertThat(quarterPast.offered()).isEqualTo(5);
        assertThat(quarterPast.answered()).isEqualTo(3);
        assertThat(quarterPast.abandoned()).isEqualTo(2);
        assertThat(quarterPast.serviceLevel()).isCloseTo(2 / 5.0, within(1e-9));
    }

    @Test
    void agentsDayFromTodaysAgentKpiRows() {
        assertThat(figures.agents())
                .extracting(KpiFigures.AgentToday::agentId)
                .containsExactly("a1", "a2", "a3");

        KpiFigures.AgentToday a1 = figures.agents().get(0);
        // The later emission; not the interval row, yesterday's or the other tenant's.
        assertThat(a1.contactsToday()).isEqualTo(3);
        // (talk 180, hold 30, wrap-up 30) s ÷ 2 talks ended.
        assertThat(a1.ahtSeconds()).isCloseTo((180.0 + 30 + 30) / 2, within(1e-9));
        assertThat(a1.occupancy()).isCloseTo(100.0 / (100 + 80), within(1e-9));
        assertThat(a1.sentiment()).isEqualTo(-0.5);

        KpiFigures.AgentToday a2 = figures.agents().get(1);
        assertThat(a2.contactsToday()).isZero();
        assertThat(a2.ahtSeconds()).isNull();
        assertThat(a2.occupancy()).isNull();
        assertThat(a2.sentiment()).isNull();

        KpiFigures.AgentToday a3 = figures.agents().get(2);
        assertThat(a3.contactsToday()).isZero();
        assertThat(a3.ahtSeconds()).isNull();
        assertThat(a3.occupancy()).isCloseTo(40.0 / (40 + 10), within(1e-9));
    }

    /** The counters of one queue_kpis row; handling and Erlang set by the builder methods. */
    private static final class Kpi {
        String tenant;
        String queue;
        String kind;
        long windowStart;
        long version;
        long offered;
        long answered;
        long abandoned;
        long shortAbandoned;
        long answeredWithin;
        long abandonedWithin;
        long totalWait;
        long handled;
        long talk;
        long hold;
        long wrapUp;
        Long erlang;
        double staffed;

        static Kpi of(
                long offered,
                long answered,
                long abandoned,
                long shortAbandoned,
                long answeredWithin,
                long abandonedWithin,
                long totalWait,
                long handled) {
            Kpi k = new Kpi();
            k.offered = offered;
            k.answered = answered;
            k.abandoned = abandoned;
            k.shortAbandoned = shortAbandoned;
            k.answeredWithin = answeredWithin;
            k.abandonedWithin = abandonedWithin;
            k.totalWait = totalWait;
            k.handled = handled;
            return k;
        }

        Kpi handling(long talk, long hold, long wrapUp) {
            this.talk = talk;
            this.hold = hold;
            this.wrapUp = wrapUp;
            return this;
        }

        Kpi erlang(Integer required, double staffed) {
            this.erlang = required == null ? null : required.longValue();
            this.staffed = staffed;
            return this;
        }

        void insert() {
            CLICKHOUSE.execute(
                    "INSERT INTO "
                            + Table.QUEUE_KPIS.qualifiedName()
                            + " (tenant, queue, window_kind, window_start, window_minutes,"
                            + " as_of_ms, offered, answered, abandoned, short_abandoned,"
                            + " answered_within_threshold, abandoned_within_threshold,"
                            + " total_wait_ms, handled, talk_ms, hold_ms, wrap_up_ms,"
                            + " threshold_seconds, target_share, sl_convention,"
                            + " erlang_agents_required, agents_staffed, version, updated_at)"
                            + " SELECT "
                            + String.join(
                                    ", ",
                                    q(tenant),
                                    q(queue),
                                    q(kind),
                                    "toDateTime(" + windowStart / 1000 + ")",
                                    "15",
                                    String.valueOf(version),
                                    String.valueOf(offered),
                                    String.valueOf(answered),
                                    String.valueOf(abandoned),
                                    String.valueOf(shortAbandoned),
                                    String.valueOf(answeredWithin),
                                    String.valueOf(abandonedWithin),
                                    String.valueOf(totalWait),
                                    String.valueOf(handled),
                                    String.valueOf(talk),
                                    String.valueOf(hold),
                                    String.valueOf(wrapUp),
                                    "20",
                                    "0.8",
                                    q("abandons-count-against"),
                                    erlang == null
                                            ? "CAST(NULL AS Nullable(UInt32))"
                                            : "toUInt32(" + erlang + ")",
                                    String.valueOf(staffed),
                                    String.valueOf(version),
                                    "now()"));
        }
    }

    private static Kpi kpis(
            String tenant, String queue, String kind, long windowStart, long version, Kpi k) {
        k.tenant = tenant;
        k.queue = queue;
        k.kind = kind;
        k.windowStart = windowStart;
        k.version = version;
        return k;
    }

    /** One agent_kpis row; ratios derived from the counters as the job derives them. */
    private static void agentDay(
            String tenant,
            String agent,
            String kind,
            long windowStart,
            long asOf,
            long answered,
            long handled,
            long talkMs,
            long holdMs,
            long wrapUpMs,
            long workingMinutes,
            long readyMinutes) {
        long windowEnd = windowStart + (kind.equals("day") ? 24 * H : 15 * MIN);
        long working = workingMinutes * MIN;
        long ready = readyMinutes * MIN;
        CLICKHOUSE.execute(
                "INSERT INTO "
                        + Table.AGENT_KPIS.qualifiedName()
                        + " (tenant, agent_id, window_kind, window_start, window_end, as_of,"
                        + " as_of_ms, closed, answered, handled, talk_ms, holds, hold_ms, wrap_ups,"
                        + " wrap_up_ms, ready_ms, busy_ms, occupancy, aht_ms, state, queues,"
                        + " version, updated_at) SELECT "
                        + String.join(
                                ", ",
                                q(tenant),
                                q(agent),
                                q(kind),
                                "toDateTime(" + windowStart / 1000 + ")",
                                "toDateTime(" + windowEnd / 1000 + ")",
                                "toDateTime(" + asOf / 1000 + ")",
                                String.valueOf(asOf),
                                "0",
                                String.valueOf(answered),
                                String.valueOf(handled),
                                String.valueOf(talkMs),
                                holdMs > 0 ? "1" : "0",
                                String.valueOf(holdMs),
                                String.valueOf(handled),
                                String.valueOf(wrapUpMs),
                                String.valueOf(ready),
                                String.valueOf(working),
                                working + ready == 0
                                        ? "CAST(NULL AS Nullable(Float64))"
                                        : "toFloat64(" + working + " / " + (working + ready) + ")",
                                handled == 0
                                        ? "CAST(NULL AS Nullable(Float64))"
                                        : "toFloat64("
                                                + (talkMs + holdMs + wrapUpMs)
                                                + " / "
                                                + handled
                                                + ")",
                                q("READY"),
                                "['sales']",
                                String.valueOf(asOf),
                                "now()"));
    }

    private static void sentiment(
            String tenant, String contactId, int turn, long at, Double customerRolling) {
        CLICKHOUSE.execute(
                "INSERT INTO "
                        + Table.CONVERSATION_SENTIMENT.qualifiedName()
                        + " (tenant, contact_id, turn, event_id, speaker, event_date, event_time,"
                        + " event_time_ms, customer_turn, customer_rolling, customer_trend,"
                        + " alerting, language, queue, agent_id, updated_at_ms) SELECT "
                        + String.join(
                                ", ",
                                q(tenant),
                                q(contactId),
                                String.valueOf(turn),
                                q(contactId + "-" + turn),
                                q(customerRolling == null ? "AGENT" : "CUSTOMER"),
                                date(at),
                                "toDateTime(" + at / 1000 + ")",
                                String.valueOf(at),
                                String.valueOf(turn),
                                customerRolling == null
                                        ? "CAST(NULL AS Nullable(Float64))"
                                        : "toFloat64(" + customerRolling + ")",
                                "0",
                                "0",
                                q("en"),
                                q("sales"),
                                q("a1"),
                                String.valueOf(at)));
    }

    private static String date(long epochMillis) {
        return "toDate('"
                + Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate()
                + "')";
    }

    private static String q(String s) {
        return "'" + s.replace("'", "\\'") + "'";
    }
}
