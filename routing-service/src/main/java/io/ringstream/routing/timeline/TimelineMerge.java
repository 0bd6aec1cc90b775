package io.ringstream.routing.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the sources' pages, each already newest first, into one page: a k-way merge on {@link
 * TimelineCursor#NEWEST_FIRST}. Every source returned up to {@code limit + 1} items before the
 * cursor, so the merged {@code limit} items are exactly the timeline's next {@code limit}, and a
 * {@code limit + 1}-th item anywhere means there is a next page.
 */
final class TimelineMerge {
    private TimelineMerge() {}

    /** The first {@code limit} items, and whether more remain. */
    record Result(List<TimelineItem> items, boolean more) {}

    private record Head(TimelineCursor position, TimelineItem item, int source, int index) {}

    static Result merge(List<List<TimelineItem>> pages, int limit) {
        PriorityQueue<Head> heads =
                new PriorityQueue<>(
                        Math.max(1, pages.size()),
                        (a, b) -> TimelineCursor.NEWEST_FIRST.compare(a.position(), b.position()));
        for (int s = 0; s < pages.size(); s++) {
            push(heads, pages, s, 0);
        }
        List<TimelineItem> items = new ArrayList<>(limit);
        while (!heads.isEmpty() && items.size() < limit) {
            Head head = heads.poll();
            items.add(head.item());
            push(heads, pages, head.source(), head.index() + 1);
        }
        return new Result(items, !heads.isEmpty());
    }

    private static void push(
            PriorityQueue<Head> heads, List<List<TimelineItem>> pages, int source, int index) {
        List<TimelineItem> page = pages.get(source);
        if (index < page.size()) {
            TimelineItem item = page.get(index);
            heads.add(new Head(item.position(), item, source, index));
        }
    }
}
