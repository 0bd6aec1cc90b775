package io.ringstream.channels.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SeenDeliveriesTest {
    @Test
    void aRetriedKeyIsNotNew() {
        SeenDeliveries seen = new SeenDeliveries(10);
        assertThat(seen.firstSeen("whatsapp:message:wamid.1")).isTrue();
        assertThat(seen.firstSeen("whatsapp:message:wamid.1")).isFalse();
        assertThat(seen.firstSeen("whatsapp:message:wamid.2")).isTrue();
    }

    @Test
    void forgetsTheLeastRecentlySeenKeyWhenFull() {
        SeenDeliveries seen = new SeenDeliveries(2);
        seen.firstSeen("a");
        seen.firstSeen("b");
        seen.firstSeen("c"); // evicts a
        assertThat(seen.size()).isEqualTo(2);
        assertThat(seen.firstSeen("b")).isFalse();
        assertThat(seen.firstSeen("c")).isFalse();
        assertThat(seen.firstSeen("a")).isTrue(); // forgotten, so new again; evicts b
        assertThat(seen.firstSeen("b")).isTrue();
    }

    @Test
    void aKeyThatKeepsBeingRetriedStaysRemembered() {
        SeenDeliveries seen = new SeenDeliveries(2);
        seen.firstSeen("retried");
        seen.firstSeen("x");
        assertThat(seen.firstSeen("retried")).isFalse(); // now the most recent
        seen.firstSeen("y"); // evicts x, not retried
        assertThat(seen.firstSeen("retried")).isFalse();
        assertThat(seen.firstSeen("x")).isTrue();
    }

    @Test
    void refusesEmptyKeysAndCapacities() {
        assertThatThrownBy(() -> new SeenDeliveries(0))
                .isInstanceOf(IllegalArgumentException.class);
        SeenDeliveries seen = new SeenDeliveries(1);
        assertThatThrownBy(() -> seen.firstSeen(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> seen.firstSeen("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStatusIsKeyedByItsStateSoEachStateCountsOnce() {
        DeliveryStatus sent =
                new DeliveryStatus(
                        Provider.WHATSAPP,
                        "wamid.x",
                        "+4915112345678",
                        DeliveryStatus.State.SENT,
                        1L,
                        null);
        DeliveryStatus read =
                new DeliveryStatus(
                        Provider.WHATSAPP,
                        "wamid.x",
                        "+4915112345678",
                        DeliveryStatus.State.READ,
                        2L,
                        null);
        SeenDeliveries seen = new SeenDeliveries(10);
        assertThat(seen.firstSeen(sent.dedupeKey())).isTrue();
        assertThat(seen.firstSeen(read.dedupeKey())).isTrue();
        assertThat(seen.firstSeen(sent.dedupeKey())).isFalse();
    }

    /** Agrees with a plain list model of "the last N distinct keys, most recent last". */
    @Property
    void behavesLikeTheLastNDistinctKeys(
            @ForAll @IntRange(min = 1, max = 5) int capacity,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 8) Integer> keys) {
        SeenDeliveries seen = new SeenDeliveries(capacity);
        Deque<String> model = new ArrayDeque<>();
        for (int k : keys) {
            String key = "k" + k;
            boolean expectedNew = !model.contains(key);
            model.remove(key);
            model.addLast(key);
            if (model.size() > capacity) {
                model.removeFirst();
            }
            assertThat(seen.firstSeen(key)).isEqualTo(expectedNew);
            assertThat(seen.size()).isEqualTo(model.size()).isLessThanOrEqualTo(capacity);
        }
    }
}
