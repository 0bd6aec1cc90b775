package io.ringstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/** Port picking for the embedded broker, and which start failures it retries on other ports. */
class LoopbackPortsTest {

    @Test
    void picksDistinctPortsEveryTime() {
        // Repeated because the failure this guards against (the kernel re-issuing a port just
        // released) is intermittent when ports are picked one at a time.
        for (int round = 0; round < 200; round++) {
            List<Integer> ports = LoopbackPorts.pick(4, Set.of());
            assertThat(ports).hasSize(4).doesNotHaveDuplicates();
        }
    }

    @Test
    void neverPicksAPortTheCallerAlreadyOwns() {
        Set<Integer> owned = new HashSet<>(LoopbackPorts.pick(20, Set.of()));
        for (int round = 0; round < 50; round++) {
            assertThat(LoopbackPorts.pick(3, owned)).doesNotContainAnyElementsOf(owned);
        }
    }

    @Test
    void pickedPortsAreReleasedAndBindable() throws IOException {
        for (int port : LoopbackPorts.pick(2, Set.of())) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void rejectsANonPositiveCount() {
        assertThatThrownBy(() -> LoopbackPorts.pick(0, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognisesABindFailureWrappedByKafka() {
        KafkaException wrapped =
                new KafkaException(
                        "Socket server failed to bind to localhost:9092",
                        new BindException("Address already in use"));

        assertThat(EmbeddedKafkaBroker.isBindFailure(wrapped)).isTrue();
        assertThat(EmbeddedKafkaBroker.isBindFailure(new IllegalStateException("other"))).isFalse();
    }
}
