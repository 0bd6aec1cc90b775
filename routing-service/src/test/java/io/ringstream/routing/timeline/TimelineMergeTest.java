package io.ringstream.routing.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The k-way merge of the sources' pages: order across sources, the limit, and "more". */
class TimelineMergeTest {

    private static TimelineItem item(long ms, String kind, String id) {
        return TimelineItem.of(ms, kind, id, id, new TimelineDetails.Note("a", "b", null));
    }

    @Test
    void givenSortedPages_whenMerged_thenTheNewestLimitItemsAndWhetherMoreRemain() {
        List<TimelineItem> notes = List.of(item(9, "NOTE", "n2"), item(5, "NOTE", "n1"));
        List<TimelineItem> contacts =
                List.of(
                        item(9, "CONTACT", "c3"),
                        item(7, "CONTACT", "c2"),
                        item(1, "CONTACT", "c1"));

        TimelineMerge.Result three = TimelineMerge.merge(List.of(notes, List.of(), contacts), 3);
        assertThat(three.items()).extracting(TimelineItem::id).containsExactly("n2", "c3", "c2");
        assertThat(three.more()).isTrue();

        TimelineMerge.Result all = TimelineMerge.merge(List.of(notes, contacts), 5);
        assertThat(all.items())
                .extracting(TimelineItem::id)
                .containsExactly("n2", "c3", "c2", "n1", "c1");
        assertThat(all.more()).isFalse();
    }
}
