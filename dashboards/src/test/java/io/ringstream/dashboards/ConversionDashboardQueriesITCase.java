package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.clickhouse.Table;
import io.ringstream.testkit.ClickHouseExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs every query of the Conversion and Customers dashboards, expanded as Grafana would, on a real
 * clickhouse-server: on generated rows (every panel must return some), and on a few known rows
 * whose figures are worked out by hand (step rates, agent conversion beside AHT and sentiment,
 * latest segments, movement, the latest fit).
 */
class ConversionDashboardQueriesITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-15T00:00:00Z");
    private static final Map<String, List<String>> GENERATED =
            Map.of(
                    "tenant", List.of("default"),
                    "funnel", List.of("sales"),
                    "movement_days", List.of("30"));
    private static final Map<String, List<String>> KNOWN_FUNNEL =
            Map.of(
                    "tenant", List.of("default"),
                    "funnel", List.of("small"),
                    "movement_days", List.of("30"));
    private static final Map<String, List<String>> KNOWN_CUSTOMERS =
            Map.of(
                    "tenant", List.of("acme"),
                    "funnel", List.of("small"),
                    "movement_days", List.of("30"));
    private static final List<Table> KEPT_UNMERGED =
            List.of(
                    Table.FUNNEL_STATS,
                    Table.FUNNEL_CHANNEL_DAYS,
                    Table.FUNNEL_AGENT_DAYS,
                    Table.CUSTOMER_VALUE,
                    Table.CONTACT_EVENTS,
                    Table.AGENT_SENTIMENT_DAYS);

    @BeforeAll
    static void insertRows() {
        CLICKHOUSE.truncateAll();
        // Keep superseded versions unmerged, so a panel without FINAL would count them.
        KEPT_UNMERGED.forEach(t -> CLICKHOUSE.execute("SYSTEM STOP MERGES " + t.qualifiedName()));
        generateFunnelStats();
        generateFunnelProgress();
        generateBusinessEvents();
        generateCustomerValues();
        generateFits();
        knownFunnel();
        knownContactsAndSentiment();
        knownCustomers();
        rollUpFunnelStats();
        customerValueDays();
    }

    /**
     * What the stats operator writes beside the cells: V061's and V062's own backfill from
     * funnel_stats FINAL (so the migrations' backfills are tested too), and then a superseded
     * version of every row with other counts, kept unmerged, which a panel without FINAL would
     * count.
     */
    private static void rollUpFunnelStats() {
        for (String migration :
                List.of("V061__funnel_channel_days.sql", "V062__funnel_agent_days.sql")) {
            CLICKHOUSE.execute(backfill(migration));
        }
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.funnel_channel_days SELECT tenant, funnel_id, funnel_name,"
                        + " day, step, step_name, channel, campaign, entered + 7, reached + 5,"
                        + " timed_reached + 3, from_previous_median_wsum_s + 1,"
                        + " from_previous_p90_wsum_s + 1, from_entry_median_wsum_s + 1,"
                        + " from_entry_p90_wsum_s + 1, version - 1, updated_at"
                        + " FROM ringstream.funnel_channel_days");
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.funnel_agent_days SELECT tenant, funnel_id, funnel_name,"
                        + " day, agent_id, entered + 7, arrayMap(r -> r + 5, reached), version - 1,"
                        + " updated_at FROM ringstream.funnel_agent_days");
    }

    /** A migration's backfill: its INSERT statement. */
    static String backfill(String migration) {
        try (InputStream in =
                ConversionDashboardQueriesITCase.class.getResourceAsStream(
                        "/clickhouse/migrations/" + migration)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String insert = script.substring(script.indexOf("INSERT INTO"));
            return insert.substring(0, insert.indexOf(';'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The customer_value_days rows the conversion job would have written for the rows above: every
     * (tenant, day), by the Customers panels' SQL before V063 (customer-value-days-from-rows.sql).
     */
    static void customerValueDays() {
        try (var in =
                ConversionDashboardQueriesITCase.class.getResourceAsStream(
                        "customer-value-days-from-rows.sql")) {
            String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            io.ringstream.clickhouse.Migration.parse("V999__customer_value_days.sql", script)
                    .statements()
                    .forEach(CLICKHOUSE::execute);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void resumeMerges() {
        KEPT_UNMERGED.forEach(t -> CLICKHOUSE.execute("SYSTEM START MERGES " + t.qualifiedName()));
    }

    @Test
    void everyPanelAndVariableReturnsRowsOnGeneratedData() {
        List<String> ran = new ArrayList<>();
        for (JsonNode dashboard : List.of(conversion(), customers())) {
            for (Dashboards.NamedQuery query : Dashboards.queries(dashboard)) {
                List<List<String>> rows = run(query.sql(), GENERATED);
                assertThat(rows).as(query.toString()).isNotEmpty();
                ran.add(query.toString());
            }
        }
        // Conversion: 2 variables and 9 panels; Customers: 1 variable and 7 panels.
        assertThat(ran).hasSize(19);
    }

    @Test
    void variablesListTenantsAndTheirFunnels() {
        assertThat(run(variableSql(conversion(), "tenant"), GENERATED))
                .containsExactly(List.of("acme"), List.of("default"));
        assertThat(run(variableSql(conversion(), "funnel"), GENERATED))
                .containsExactly(List.of("sales"), List.of("small"));
        assertThat(run(variableSql(customers(), "tenant"), GENERATED))
                .containsExactly(List.of("acme"), List.of("default"));
    }

    @Test
    void stepsCountTheLatestVersionsOfTheRangesDaysWithStepToStepRates() {
        // reached: 10 + 5, 6 + 4, 3 + 1 (the superseded version, the day before the range and
        // the other funnel do not count). of entered: reached / 15; from previous: 10/15, 4/10.
        List<List<String>> steps = run(panel(conversion(), "Step conversion"), KNOWN_FUNNEL);
        assertThat(steps)
                .extracting(r -> r.subList(0, 3))
                .containsExactly(
                        List.of("1", "lead", "15"),
                        List.of("2", "quoted", "10"),
                        List.of("3", "booked", "4"));
        assertThat(steps.get(0).get(4)).isNull();
        assertThat(number(steps.get(1), 3)).isCloseTo(10.0 / 15, within(1e-9));
        assertThat(number(steps.get(1), 4)).isCloseTo(10.0 / 15, within(1e-9));
        assertThat(number(steps.get(2), 3)).isCloseTo(4.0 / 15, within(1e-9));
        assertThat(number(steps.get(2), 4)).isCloseTo(4.0 / 10, within(1e-9));
        // From the previous step to step 3: medians 600 (3 episodes) and 1200 (1), weighted.
        assertThat(number(steps.get(2), 5)).isCloseTo((3 * 600 + 1200) / 4.0, within(1e-9));

        List<String> headline =
                run(panel(conversion(), "Entered, converted, conversion"), KNOWN_FUNNEL).get(0);
        assertThat(headline.subList(0, 2)).containsExactly("15", "4");
        assertThat(number(headline, 2)).isCloseTo(4.0 / 15, within(1e-9));

        // Entry to the last step: medians 1000 (3 converted) and 2000 (1), p90s 1500 and 3000.
        List<String> toConvert = run(panel(conversion(), "Time to convert"), KNOWN_FUNNEL).get(0);
        assertThat(number(toConvert, 0)).isCloseTo(1250, within(1e-9));
        assertThat(number(toConvert, 1)).isCloseTo((3 * 1500 + 3000) / 4.0, within(1e-9));
    }

    @Test
    void breakdownsAndAgentsWithAhtAndSentiment() {
        assertThat(run(panel(conversion(), "Conversion by channel"), KNOWN_FUNNEL))
                .extracting(r -> r.subList(0, 3))
                .containsExactly(List.of("VOICE", "10", "3"), List.of("CHAT", "5", "1"));
        assertThat(run(panel(conversion(), "Conversion by campaign"), KNOWN_FUNNEL))
                .extracting(r -> r.subList(0, 3))
                .containsExactly(List.of("spring", "10", "3"), List.of("(none)", "5", "1"));

        // a-1: contacts of 180 s (talk 120 + hold 30 + wrap-up 30) and 60 s; final customer
        // sentiments 0.4 and -0.6. a-2: the contact it answered after a-3, 100 s; sentiment 0.5.
        List<List<String>> agents =
                run(
                        panel(
                                conversion(),
                                "Conversion per agent, with AHT and customer sentiment"),
                        KNOWN_FUNNEL);
        assertThat(agents).hasSize(2);
        List<String> a1 = agents.get(0);
        assertThat(a1.subList(0, 3)).containsExactly("a-1", "10", "3");
        assertThat(number(a1, 3)).isCloseTo(0.3, within(1e-9));
        assertThat(a1.get(4)).isEqualTo("2");
        assertThat(number(a1, 5)).isCloseTo(120, within(1e-9));
        assertThat(a1.get(6)).isEqualTo("2");
        assertThat(number(a1, 7)).isCloseTo(-0.1, within(1e-9));
        List<String> a2 = agents.get(1);
        assertThat(a2.subList(0, 3)).containsExactly("a-2", "5", "1");
        assertThat(number(a2, 5)).isCloseTo(100, within(1e-9));
        assertThat(number(a2, 7)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void segmentsAreEachCustomersLatestRowUpToTheEndOfTheRange() {
        // x4's row of 2025-03-20 is after the range: its 2025-02-20 row counts. x2's superseded
        // version (Champions) does not.
        assertThat(run(panel(customers(), "RFM segment sizes"), KNOWN_CUSTOMERS))
                .containsExactly(
                        List.of("At risk", "1"),
                        List.of("Champions", "1"),
                        List.of("Hibernating", "1"),
                        List.of("New customers", "1"));
        assertThat(run(panel(customers(), "Customers scored"), KNOWN_CUSTOMERS))
                .containsExactly(List.of("4", "125", "95", "2025-03-12"));
        assertThat(run(panel(customers(), "Probability alive"), KNOWN_CUSTOMERS))
                .containsExactly(
                        List.of("0–10 %", "1"), List.of("30–40 %", "1"), List.of("90–100 %", "1"));

        List<List<String>> value = run(panel(customers(), "Value by segment"), KNOWN_CUSTOMERS);
        assertThat(value)
                .extracting(r -> r.subList(0, 3))
                .containsExactly(
                        List.of("Champions", "1", "100"),
                        List.of("At risk", "1", "20"),
                        List.of("Hibernating", "1", "5"),
                        Arrays.asList("New customers", "1", null));
    }

    @Test
    void movementComparesWithTheSegmentNDaysBeforeTheLatestScoringDay() {
        // The latest scoring day up to the range's end is 2025-03-12; 30 days before: 2025-02-10.
        assertThat(run(panel(customers(), "Segment movement"), KNOWN_CUSTOMERS))
                .containsExactly(
                        List.of("(new)", "Hibernating", "1"),
                        List.of("(new)", "New customers", "1"),
                        List.of("Loyal customers", "At risk", "1"),
                        List.of("New customers", "Champions", "1"));
    }

    @Test
    void latestFitIsTheNewestFittedUpToTheEndOfTheRange() {
        List<List<String>> fit = run(panel(customers(), "Latest model fit"), KNOWN_CUSTOMERS);
        assertThat(fit).hasSize(1);
        assertThat(fit.get(0).subList(0, 5))
                .containsExactly("2", "2025-03-01 00:00:00", "2025-03-01", "40", "25");
        assertThat(fit.get(0).subList(10, 13)).isEqualTo(Arrays.asList(null, null, null));
        assertThat(run(panel(customers(), "Model fits, latest first"), KNOWN_CUSTOMERS))
                .extracting(r -> r.get(1))
                .containsExactly("2", "1");
    }

    // ------------------------------------------------------------------ generated rows

    /** 14 days x 3 channels x 2 campaigns x 4 agents x 5 steps; a superseded version first. */
    private static void generateFunnelStats() {
        for (int version = 1; version <= 2; version++) {
            CLICKHOUSE.execute(
                    "INSERT INTO ringstream.funnel_stats (tenant, funnel_id, funnel_name, day,"
                            + " step, step_name, channel, campaign, agent_id, entered, reached,"
                            + " conversion_rate, from_previous_median_s, from_previous_p90_s,"
                            + " from_entry_median_s, from_entry_p90_s, version, updated_at)"
                            + " SELECT 'default', 'sales', 'Sales', toDate('2025-03-01') + d,"
                            + " step, ['lead', 'contacted', 'quoted', 'booked', 'paid'][step],"
                            + " ['VOICE', 'CHAT', ''][ci + 1], ['spring', ''][pi + 1],"
                            + " ['a-1', 'a-2', 'a-3', ''][ai + 1], entered, reached,"
                            + " reached / entered,"
                            + " if(step = 1, NULL, 3600. * step), if(step = 1, NULL, 7200. * step),"
                            + " if(step = 1, NULL, 3600. * step * (step - 1)),"
                            + " if(step = 1, NULL, 7200. * step * (step - 1)), "
                            + version
                            + ", now() FROM (SELECT toUInt8(number % 5 + 1) AS step,"
                            + " intDiv(number, 5) % 4 AS ai, intDiv(number, 20) % 3 AS ci,"
                            + " intDiv(number, 60) % 2 AS pi, intDiv(number, 120) AS d,"
                            + " toUInt64((10 + (d + ai * 3 + ci) % 7) * "
                            + version
                            + ") AS entered,"
                            + " toUInt64(intDiv(entered * (6 - step), 5)) AS reached"
                            + " FROM system.numbers LIMIT 1680)");
        }
    }

    /** The customers' furthest steps; the funnel variable's tenant list reads them. */
    private static void generateFunnelProgress() {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.funnel_progress (tenant, funnel_id, customer_id,"
                        + " episode_start, episode_start_ms, window_start_ms, steps_reached,"
                        + " step_count, converted, furthest_step, furthest_time,"
                        + " furthest_time_ms, step_names, step_times_ms, step_event_ids,"
                        + " attribution, version, updated_at)"
                        + " SELECT 'default', 'sales', concat('c-', toString(number)), t,"
                        + " toUInt64(t) * 1000, toUInt64(t) * 1000, toUInt8(1 + number % 5), 5,"
                        + " number % 5 = 4, 'lead', t, toUInt64(t) * 1000, ['lead'],"
                        + " [toUInt64(t) * 1000], ['e'], 'LAST_TOUCH', 1, now()"
                        + " FROM (SELECT number, toDateTime('2025-03-01 08:00:00')"
                        + " + number * 3600 AS t FROM system.numbers LIMIT 200)");
    }

    /** The funnels' raw input, archived alongside (no panel reads it; the schema must hold). */
    private static void generateBusinessEvents() {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.business_events (event_id, tenant, customer_id, type,"
                        + " stage, event_date, event_time, event_time_ms, source, contact_id,"
                        + " lead_id, amount_minor, currency, campaign, attributes)"
                        + " SELECT concat('b-', toString(number)), 'default',"
                        + " concat('c-', toString(number % 200)),"
                        + " ['LEAD_CREATED', 'STAGE_CHANGED', 'BOOKING_MADE'][1 + number % 3],"
                        + " if(number % 3 = 1, 'QUOTED', ''), toDate(t), t, toUInt64(t) * 1000,"
                        + " 'crm', '', '', if(number % 3 = 2, toInt64(2500 + number), NULL),"
                        + " 'EUR', 'spring', '{}'"
                        + " FROM (SELECT number, toDateTime('2025-03-01 08:00:00')"
                        + " + number * 600 AS t FROM system.numbers LIMIT 600)");
    }

    /** 200 customers scored on three days each, model outputs from the second day on. */
    private static void generateCustomerValues() {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.customer_value (tenant, customer_id, as_of, as_of_ms,"
                        + " first_purchase, last_purchase, purchase_days, repeat_purchases,"
                        + " recency_days, monetary_total, monetary_mean, currency, r_score,"
                        + " f_score, m_score, rfm, segment, t_x_weeks, t_weeks, repeat_mean,"
                        + " expected_purchases_12m, probability_alive, expected_purchase_value,"
                        + " clv_12m, fit_version, version, updated_at)"
                        + " SELECT 'default', concat('c-', toString(c)), as_of,"
                        + " toUInt64(toDateTime(as_of)) * 1000, toDate('2024-06-01') + c % 90,"
                        + " as_of - c % 20, toUInt32(1 + c % 6), toUInt32(c % 6),"
                        + " toUInt32(c % 20), 25. * (1 + c % 6) * (1 + c % 3), 25. * (1 + c % 3),"
                        + " 'EUR', toUInt8(1 + (c + k) % 5), toUInt8(1 + c % 5), toUInt8(1 + c % 3),"
                        + " concat(toString(1 + (c + k) % 5), toString(1 + c % 5),"
                        + " toString(1 + c % 3)), ['Champions', 'Loyal customers', 'At risk',"
                        + " 'Hibernating', 'New customers'][1 + (c + k) % 5], 1. * (c % 40), 52.,"
                        + " 25. * (1 + c % 3), if(k = 0, NULL, 0.1 * (c % 30)),"
                        + " if(k = 0, NULL, (c % 11) / 10), if(k = 0, NULL, 20. + c % 50),"
                        + " if(k = 0, NULL, 2.5 * (c % 30) * (20 + c % 50)), toUInt64(k), 1, now()"
                        + " FROM (SELECT intDiv(number, 3) AS c, number % 3 AS k,"
                        + " toDate('2025-01-10') + 30 * k + c % 7 AS as_of"
                        + " FROM system.numbers LIMIT 600)");
    }

    private static void generateFits() {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.customer_value_fits (tenant, fit_version, fitted_at, as_of,"
                        + " customers, repeat_customers, r, alpha, a, b, bgnbd_log_likelihood, p,"
                        + " q, v, gg_log_likelihood, fit_ms)"
                        + " SELECT 'default', toUInt64(number + 1),"
                        + " toDateTime('2025-02-01 00:00:00') + 86400 * 30 * number,"
                        + " toDate('2025-02-01') + 30 * number, 200, 150, 0.243, 4.414, 0.793,"
                        + " 2.426, -9582.4, 6.25, 3.74, 15.44, -4051.7, 1200"
                        + " FROM system.numbers LIMIT 3");
    }

    // ------------------------------------------------------------------ known rows

    /**
     * Funnel "small" (3 steps): a VOICE/spring/a-1 cell on 2025-03-10 (10 entered, 6 quoted, 3
     * booked) and a CHAT/a-2 cell on 2025-03-11 (5, 4, 1); a superseded version, a day before the
     * range and another tenant that must not count.
     */
    private static void knownFunnel() {
        cell("default", "2025-03-10", "VOICE", "spring", "a-1", 1, 99, 99, 99);
        cell("default", "2025-03-10", "VOICE", "spring", "a-1", 2, 10, 6, 3);
        cell("default", "2025-03-11", "CHAT", "", "a-2", 2, 5, 4, 1);
        cell("default", "2025-02-27", "CHAT", "", "a-2", 2, 50, 40, 10);
        cell("acme", "2025-03-10", "VOICE", "", "a-1", 2, 70, 60, 50);
    }

    private static void cell(
            String tenant,
            String day,
            String channel,
            String campaign,
            String agent,
            int version,
            long entered,
            long quoted,
            long booked) {
        // a-1's cell takes 600 s per step (1000 s entry to booked, p90 1500); a-2's twice that.
        double scale = agent.equals("a-1") ? 1 : 2;
        long[] reached = {entered, quoted, booked};
        String[] names = {"lead", "quoted", "booked"};
        String[] fromPrevious = {"NULL", String.valueOf(400 * scale), String.valueOf(600 * scale)};
        String[] fromEntry = {"NULL", String.valueOf(400 * scale), String.valueOf(1000 * scale)};
        String[] entryP90 = {"NULL", String.valueOf(800 * scale), String.valueOf(1500 * scale)};
        for (int step = 1; step <= 3; step++) {
            CLICKHOUSE.execute(
                    "INSERT INTO ringstream.funnel_stats (tenant, funnel_id, funnel_name, day,"
                            + " step, step_name, channel, campaign, agent_id, entered, reached,"
                            + " conversion_rate, from_previous_median_s, from_previous_p90_s,"
                            + " from_entry_median_s, from_entry_p90_s, version, updated_at)"
                            + " VALUES ('"
                            + tenant
                            + "', 'small', 'Small', '"
                            + day
                            + "', "
                            + step
                            + ", '"
                            + names[step - 1]
                            + "', '"
                            + channel
                            + "', '"
                            + campaign
                            + "', '"
                            + agent
                            + "', "
                            + entered
                            + ", "
                            + reached[step - 1]
                            + ", "
                            + (double) reached[step - 1] / entered
                            + ", "
                            + fromPrevious[step - 1]
                            + ", "
                            + fromPrevious[step - 1]
                            + ", "
                            + fromEntry[step - 1]
                            + ", "
                            + entryP90[step - 1]
                            + ", "
                            + version
                            + ", now())");
        }
    }

    private static void knownContactsAndSentiment() {
        // What the KPI job writes (agent_kpis day rows, the latest version of each counting): a-1
        // on 03-10 one contact of talk 120 s, hold 30 s, wrap-up 30 s (its row before the
        // wrap-up superseded), on 03-11 one of 60 s; a-2 on 03-11 the contact it answered after a
        // transfer, 100 s; a-1 on 02-20, before the range: not counted.
        agentKpiDay("2025-03-10", "a-1", 1, 120_000, 30_000, 0, 1);
        agentKpiDay("2025-03-10", "a-1", 1, 120_000, 30_000, 30_000, 2);
        agentKpiDay("2025-03-11", "a-1", 1, 60_000, 0, 0, 1);
        agentKpiDay("2025-03-11", "a-2", 1, 100_000, 0, 0, 1);
        agentKpiDay("2025-03-11", "a-3", 0, 0, 0, 0, 1);
        agentKpiDay("2025-02-20", "a-1", 1, 9_000_000, 0, 0, 1);

        turn("s1", 1, "a-1", "2025-03-10 10:00:00", "-0.2");
        turn("s1", 2, "a-1", "2025-03-10 10:01:00", "0.4");
        turn("s2", 1, "a-1", "2025-03-11 10:00:00", "-0.6");
        turn("s3", 1, "a-2", "2025-03-11 10:00:00", "0.5");
        turn("s4", 1, "a-2", "2025-02-11 10:00:00", "-1");
        // What the sentiment job writes for those turns: per agent and day, the latest version of
        // the row (s1's row after turn 1 superseded by the one after turn 2). The panel reads the
        // range's whole days (03-02 to 03-14) from here, its first and last day from the turns.
        agentDay("2025-03-10", "a-1", 1, "-0.2", 1);
        agentDay("2025-03-10", "a-1", 1, "0.4", 2);
        agentDay("2025-03-11", "a-1", 1, "-0.6", 1);
        agentDay("2025-03-11", "a-2", 1, "0.5", 1);
        agentDay("2025-02-11", "a-2", 1, "-1", 1);
    }

    private static void agentDay(
            String day, String agent, int conversations, String sum, long version) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.agent_sentiment_days (tenant, day, agent_id,"
                        + " conversations, customer_sum, customer_mean, as_of_ms, version,"
                        + " updated_at) VALUES ('default', '"
                        + day
                        + "', '"
                        + agent
                        + "', "
                        + conversations
                        + ", "
                        + sum
                        + ", "
                        + sum
                        + " / "
                        + conversations
                        + ", "
                        + version
                        + ", "
                        + version
                        + ", now())");
    }

    private static void agentKpiDay(
            String day,
            String agent,
            int handled,
            long talkMs,
            long holdMs,
            long wrapUpMs,
            long version) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.agent_kpis (tenant, agent_id, window_kind, window_start,"
                        + " window_end, handled, talk_ms, hold_ms, wrap_up_ms, version) SELECT"
                        + " 'default', '"
                        + agent
                        + "', 'day', d, d + 86400, "
                        + handled
                        + ", "
                        + talkMs
                        + ", "
                        + holdMs
                        + ", "
                        + wrapUpMs
                        + ", "
                        + version
                        + " FROM (SELECT toDateTime('"
                        + day
                        + " 00:00:00') AS d)");
    }

    private static void turn(String contact, int turn, String agent, String time, String rolling) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.conversation_sentiment (tenant, contact_id, turn,"
                        + " event_id, speaker, event_date, event_time, event_time_ms,"
                        + " customer_rolling, customer_trend, alerting, queue, agent_id) SELECT"
                        + " 'default', '"
                        + contact
                        + "', "
                        + turn
                        + ", 'u-"
                        + contact
                        + "-"
                        + turn
                        + "', 'CUSTOMER', toDate(t), t, toUInt64(t) * 1000, "
                        + rolling
                        + ", 0, 0, 'sales', '"
                        + agent
                        + "' FROM (SELECT toDateTime('"
                        + time
                        + "') AS t)");
    }

    /**
     * Tenant acme: x1 New customers → Champions, x2 Loyal → At risk (a superseded Champions version
     * too), x3 new on 2025-03-12 without a model output, x4 Hibernating on 2025-02-20 and Champions
     * after the range. Fits 1 and 2 in the range (2 without Gamma-Gamma), 3 after it.
     */
    private static void knownCustomers() {
        customer("x1", "2025-02-01", "New customers", "NULL", 10, "NULL", 1);
        customer("x1", "2025-03-10", "Champions", "100", 50, "0.95", 1);
        customer("x2", "2025-02-01", "Loyal customers", "40", 20, "0.8", 1);
        customer("x2", "2025-03-10", "Champions", "90", 30, "0.9", 1);
        customer("x2", "2025-03-10", "At risk", "20", 30, "0.35", 2);
        customer("x3", "2025-03-12", "New customers", "NULL", 10, "NULL", 1);
        customer("x4", "2025-02-20", "Hibernating", "5", 5, "0.05", 1);
        customer("x4", "2025-03-20", "Champions", "500", 80, "0.99", 1);

        fit(1, "2025-02-01", "0.5", "1", "-100", "6.25");
        fit(2, "2025-03-01", "0.4", "2", "-90", "NULL");
        fit(3, "2025-03-20", "0.3", "3", "-80", "7");
    }

    private static void customer(
            String id,
            String asOf,
            String segment,
            String clv,
            double monetary,
            String alive,
            int version) {
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.customer_value (tenant, customer_id, as_of, as_of_ms,"
                        + " monetary_total, currency, segment, probability_alive, clv_12m,"
                        + " version, updated_at) SELECT 'acme', '"
                        + id
                        + "', d, toUInt64(toDateTime(d)) * 1000, "
                        + monetary
                        + ", 'USD', '"
                        + segment
                        + "', "
                        + alive
                        + ", "
                        + clv
                        + ", "
                        + version
                        + ", now() FROM (SELECT toDate('"
                        + asOf
                        + "') AS d)");
    }

    private static void fit(int version, String day, String r, String alpha, String ll, String p) {
        String gg = p.equals("NULL") ? "NULL" : "1";
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.customer_value_fits (tenant, fit_version, fitted_at,"
                        + " as_of, customers, repeat_customers, r, alpha, a, b,"
                        + " bgnbd_log_likelihood, p, q, v, gg_log_likelihood, fit_ms) SELECT"
                        + " 'acme', "
                        + version
                        + ", toDateTime(d), d, 40, 25, "
                        + r
                        + ", "
                        + alpha
                        + ", 0.8, 2.4, "
                        + ll
                        + ", "
                        + p
                        + ", "
                        + gg
                        + ", "
                        + gg
                        + ", "
                        + gg
                        + ", 900 FROM (SELECT toDate('"
                        + day
                        + "') AS d)");
    }

    // ------------------------------------------------------------------ helpers

    private static List<List<String>> run(String sql, Map<String, List<String>> variables) {
        return CLICKHOUSE.query(GrafanaQuery.expand(sql, variables, FROM, TO));
    }

    private static double number(List<String> row, int column) {
        return Double.parseDouble(row.get(column));
    }

    private static String panel(JsonNode dashboard, String title) {
        return Dashboards.panelSql(dashboard, title);
    }

    private static String variableSql(JsonNode dashboard, String name) {
        return Dashboards.variables(dashboard).stream()
                .filter(v -> v.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow()
                .path("query")
                .asText();
    }

    private static JsonNode conversion() {
        return Dashboards.read(Dashboards.moduleDir().resolve("grafana/conversion.json"));
    }

    private static JsonNode customers() {
        return Dashboards.read(Dashboards.moduleDir().resolve("grafana/customers.json"));
    }
}
