package io.ringstream.routing.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.testkit.ClickHouseExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The timeline's segment changes against a real clickhouse-server (18.16): one item per day the
 * customer's segment differs from the day before (the first segment too), each day's latest
 * version, newest first, and pages of one item that concatenate to the whole list.
 */
class SegmentChangesITCase {
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final long DAY = 86_400_000L;
    private static final long NOV_1 = 1_793_491_200_000L; // 2026-11-01T00:00:00Z

    private final String tenant = "seg-" + UUID.randomUUID().toString().substring(0, 8);
    private final UUID ana = UUID.randomUUID();
    private final ClickHouseTimeline timeline =
            new ClickHouseTimeline(CLICKHOUSE.jdbc().dataSource());

    @Test
    void oneItemPerChangeNewestFirstAndPagesConcatenate() throws Exception {
        row(ana, 0, "New Customers", "511", "NULL", 1);
        row(ana, 3, "New Customers", "512", "40.5", 1); // same segment: no item
        row(ana, 7, "Loyal", "444", "120.0", 1);
        row(ana, 7, "Champions", "545", "152.404", 2); // the day's later version wins
        row(ana, 9, "Champions", "555", "160.0", 1);
        row(ana, 20, "At Risk", "244", "30.0", 1);
        row(UUID.randomUUID(), 5, "Hibernating", "111", "1.0", 1); // someone else's

        List<TimelineItem> all =
                timeline.segmentChanges(new TimelineQuery(tenant, List.of(ana), null, 10));

        assertThat(all)
                .extracting(TimelineItem::id, TimelineItem::title)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "2026-11-21", "Segment: Champions \u2192 At Risk"),
                        org.assertj.core.groups.Tuple.tuple(
                                "2026-11-08", "Segment: New Customers \u2192 Champions"),
                        org.assertj.core.groups.Tuple.tuple(
                                "2026-11-01", "Segment: New Customers"));
        assertThat(all.get(1).time()).isEqualTo("2026-11-08T00:00:00Z");
        assertThat(all.get(1).kind()).isEqualTo("SEGMENT_CHANGE");
        assertThat(all.get(1).details())
                .isEqualTo(
                        new TimelineDetails.SegmentChange(
                                "2026-11-08",
                                "New Customers",
                                "Champions",
                                "545",
                                "152.40",
                                "EUR"));
        assertThat(((TimelineDetails.SegmentChange) all.get(2).details()).lifetimeValue()).isNull();

        List<TimelineItem> paged = new ArrayList<>();
        TimelineCursor before = null;
        while (true) {
            List<TimelineItem> page =
                    timeline.segmentChanges(new TimelineQuery(tenant, List.of(ana), before, 1));
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            before = page.get(page.size() - 1).position();
        }
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void aCustomerWithoutRowsHasNone() throws Exception {
        assertThat(timeline.segmentChanges(new TimelineQuery(tenant, List.of(ana), null, 10)))
                .isEmpty();
    }

    private void row(UUID customer, int day, String segment, String rfm, String clv, int version) {
        long asOf = NOV_1 + day * DAY;
        CLICKHOUSE.execute(
                "INSERT INTO ringstream.customer_value (tenant, customer_id, as_of, as_of_ms,"
                        + " first_purchase, last_purchase, purchase_days, repeat_purchases,"
                        + " recency_days, monetary_total, monetary_mean, currency, r_score, f_score,"
                        + " m_score, rfm, segment, t_x_weeks, t_weeks, repeat_mean,"
                        + " expected_purchases_12m, probability_alive, expected_purchase_value,"
                        + " clv_12m, fit_version, version, updated_at) VALUES ('"
                        + tenant
                        + "', '"
                        + customer
                        + "', toDate(toDateTime("
                        + asOf / 1000
                        + ", 'UTC')), "
                        + asOf
                        + ", toDate('2026-01-01'), toDate('2026-11-01'), 3, 2, 0, 300.0, 100.0,"
                        + " 'EUR', "
                        + rfm.charAt(0)
                        + ", "
                        + rfm.charAt(1)
                        + ", "
                        + rfm.charAt(2)
                        + ", '"
                        + rfm
                        + "', '"
                        + segment
                        + "', 10.0, 20.0, 100.0, NULL, NULL, NULL, "
                        + clv
                        + ", 1, "
                        + version
                        + ", now())");
    }
}
