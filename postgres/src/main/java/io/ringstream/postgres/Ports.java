package io.ringstream.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free-port picking for the server we start; 0 means "any free port" in our APIs. */
final class Ports {
    private Ports() {}

    /** A port free on 127.0.0.1 right now; the start retries if someone takes it first. */
    static int free() {
        try (ServerSocket socket =
                new ServerSocket(0, 1, InetAddress.getByName(LocalPostgresServer.HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LocalPostgresServer.HOST, e);
        }
    }

    static int freeIfZero(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port == 0 ? free() : port;
    }

    static boolean isFree(int port) {
        try (ServerSocket socket =
                new ServerSocket(port, 1, InetAddress.getByName(LocalPostgresServer.HOST))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
