package io.ringstream.routing.wallboard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's hold time of today from its HELD, RESUMED and TALK_ENDED contact events, so the
 * agents' AHT counts hold as the queues' does (docs/kpis.md): a hold runs from HELD (when the
 * contact is not already on hold) to the next RESUMED or TALK_ENDED of the same contact, and counts
 * when it ends. A hold still running counts nothing yet; one begun before the day start (its HELD
 * not among today's events) counts nothing either.
 */
final class HoldTime {
    private HoldTime() {}

    /**
     * @param types HELD, RESUMED or TALK_ENDED, in time order
     * @param times their epoch ms
     * @param contacts their contact ids
     */
    static long millis(List<String> types, List<Long> times, List<String> contacts) {
        // Per contact, when its open hold began; the entry lives from HELD to the hold's end.
        Map<String, Long> heldSince = new HashMap<>();
        long total = 0;
        for (int i = 0; i < types.size(); i++) {
            String contact = contacts.get(i);
            if ("HELD".equals(types.get(i))) {
                heldSince.putIfAbsent(contact, times.get(i));
            } else {
                Long since = heldSince.remove(contact);
                if (since != null) {
                    total += Math.max(0, times.get(i) - since);
                }
            }
        }
        return total;
    }
}
