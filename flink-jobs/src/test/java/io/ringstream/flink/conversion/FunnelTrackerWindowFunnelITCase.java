package io.ringstream.flink.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.analytics.funnel.ReferenceFunnel;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.testkit.ClickHouseExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The funnel tracker against ClickHouse 18.16's windowFunnel on thousands of generated customers
 * (whole-second times, ties, window boundaries, repeats, re-entries, attribute filters, a contact
 * step): every customer's furthest step must be windowFunnel's level over the same rows in the same
 * tie order. STRICT, which windowFunnel on 18.16 cannot express, is held to {@code ReferenceFunnel}
 * on the same data. Runs without the conversion job: it checks the rule the job is built on.
 */
class FunnelTrackerWindowFunnelITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final long SEED = 20_261_104L;
    private static final int CUSTOMERS = 3_000;

    private static final String TENANT = "it-wf-" + UUID.randomUUID();
    private static FunnelDataSet data;

    @BeforeAll
    static void insertRawEvents() {
        // Late events too: for the tracker they are ordinary events (lateness is the job's rule).
        data = FunnelDataSet.generate(TENANT, SEED, CUSTOMERS, true);
        WindowFunnelOracle.insertRaw(CLICKHOUSE.jdbc(), data);
    }

    @Test
    void theDataSetCoversTheCorners() {
        // Guards the generator: the comparison is only worth something on these cases.
        int ties = 0;
        int boundary = 0;
        for (String c : data.customers) {
            List<RingstreamEvent> events = data.eventsOf(c);
            for (int i = 1; i < events.size(); i++) {
                if (events.get(i).eventTime() == events.get(i - 1).eventTime()) {
                    ties++;
                }
            }
            for (RingstreamEvent a : events) {
                for (RingstreamEvent b : events) {
                    long d = b.eventTime() - a.eventTime();
                    if (d == 7 * FunnelDataSet.DAY
                            || d == 7 * FunnelDataSet.DAY + FunnelDataSet.SECOND
                            || d == 90 * FunnelDataSet.DAY
                            || d == 90 * FunnelDataSet.DAY + FunnelDataSet.SECOND) {
                        boundary++;
                    }
                }
            }
        }
        assertThat(ties).as("events at equal times").isGreaterThan(500);
        assertThat(boundary)
                .as("pairs exactly a window or a window + 1 s apart")
                .isGreaterThan(300);
        assertThat(data.lateCustomers()).isNotEmpty();
        for (FunnelDefinition f : data.orderedFunnels) {
            Map<String, Integer> levels = trackerLevels(f);
            for (int level = 0; level <= f.steps().size(); level++) {
                int l = level;
                assertThat(levels.values().stream().filter(v -> v == l).count())
                        .as(f.funnelId() + " customers at level " + level)
                        .isGreaterThan(20);
            }
        }
    }

    @Test
    void theTrackerReachesWindowFunnelsLevelForEveryCustomer() {
        for (FunnelDefinition f : data.orderedFunnels) {
            Map<String, Integer> expected =
                    WindowFunnelOracle.levels(CLICKHOUSE.jdbc(), TENANT, f, Set.of());
            Map<String, Integer> got = trackerLevels(f);
            Map<String, String> disagreements = new TreeMap<>();
            for (String c : data.customers) {
                int want = expected.getOrDefault(c, 0);
                if (got.get(c) != want) {
                    disagreements.put(
                            c,
                            "windowFunnel "
                                    + want
                                    + ", tracker "
                                    + got.get(c)
                                    + ", events "
                                    + describe(data.eventsOf(c)));
                }
            }
            assertThat(disagreements)
                    .as(
                            f.funnelId()
                                    + ": customers where the tracker and windowFunnel disagree;"
                                    + " query: "
                                    + WindowFunnelOracle.sql(TENANT, f, Set.of()))
                    .isEmpty();
            assertThat(expected.keySet()).isSubsetOf(data.customers);
        }
    }

    @Test
    void strictTrackerAgreesWithTheReferenceAndOrderedReferenceWithWindowFunnel() {
        FunnelDefinition strict = data.strictFunnel;
        Map<String, Integer> got = trackerLevels(strict);
        Map<String, String> disagreements = new TreeMap<>();
        for (String c : data.customers) {
            int want = ReferenceFunnel.furthestStep(strict, data.eventsOf(c));
            if (got.get(c) != want) {
                disagreements.put(
                        c,
                        "reference "
                                + want
                                + ", tracker "
                                + got.get(c)
                                + ", events "
                                + describe(data.eventsOf(c)));
            }
        }
        assertThat(disagreements).as("STRICT: tracker vs ReferenceFunnel").isEmpty();

        // The reference itself, on ORDERED, against ClickHouse: the STRICT oracle is trustworthy.
        FunnelDefinition ordered = data.orderedFunnels.get(1);
        Map<String, Integer> expected =
                WindowFunnelOracle.levels(CLICKHOUSE.jdbc(), TENANT, ordered, Set.of());
        for (String c : data.customers) {
            assertThat(ReferenceFunnel.furthestStep(ordered, data.eventsOf(c)))
                    .as("reference vs windowFunnel for " + c)
                    .isEqualTo(expected.getOrDefault(c, 0));
        }
    }

    private static Map<String, Integer> trackerLevels(FunnelDefinition f) {
        Map<String, Integer> levels = new TreeMap<>();
        for (String c : data.customers) {
            levels.put(c, WindowFunnelOracle.trackerLevel(f, c, data.eventsOf(c)));
        }
        return levels;
    }

    /** A customer's events, one per line: time (s), id, what it is. */
    static String describe(List<RingstreamEvent> events) {
        StringBuilder text = new StringBuilder();
        for (RingstreamEvent e : events) {
            text.append("\n    ").append(e.eventTime() / 1000).append(' ').append(e.eventId());
            if (e instanceof io.ringstream.events.BusinessEvent b) {
                text.append(' ').append(b.type());
                if (b.stage() != null) {
                    text.append(' ').append(b.stage());
                }
                text.append(' ').append(b.attributes());
            } else if (e instanceof io.ringstream.events.ContactEvent ce) {
                text.append(' ').append(ce.type()).append(' ').append(ce.attributes());
            }
        }
        return text.toString();
    }
}
