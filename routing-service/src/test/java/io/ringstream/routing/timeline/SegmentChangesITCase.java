package io.ringstream.routing.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.routing.screenpop.CustomerValueRows;
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
        String asOf = java.time.LocalDate.of(2026, 11, 1).plusDays(day).toString();
        CustomerValueRows.insert(
                CLICKHOUSE, tenant, customer.toString(), asOf, segment, rfm, clv, version);
    }
}
