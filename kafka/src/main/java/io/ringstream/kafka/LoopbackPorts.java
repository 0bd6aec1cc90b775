package io.ringstream.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks free loopback ports for the embedded broker's listeners, guaranteed distinct from each
 * other and from ports the caller already owns.
 *
 * <p>Picking ports one at a time (open, read, close) lets the kernel hand out the same ephemeral
 * port twice in a row; Kafka then refuses to start because two listeners share a port. Holding
 * every probe socket open until all are picked rules that out. A port can still be taken by another
 * process between picking and binding; {@link EmbeddedKafkaBroker} retries the start for that.
 */
final class LoopbackPorts {
    private LoopbackPorts() {}

    /** {@code count} distinct ports, free right now, none of them in {@code avoid}. */
    static List<Integer> pick(int count, Set<Integer> avoid) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            while (ports.size() < count) {
                ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(probe);
                if (!avoid.contains(probe.getLocalPort())) {
                    ports.add(probe.getLocalPort());
                }
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback address", e);
        } finally {
            held.forEach(LoopbackPorts::closeQuietly);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // A probe socket that fails to close only leaks until the JVM exits.
        }
    }
}
