package io.ringstream.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TCP sockets this JVM listens on, read from Linux's {@code /proc} (socket inodes of {@code
 * /proc/self/fd} matched with {@code /proc/self/net/tcp} and {@code tcp6}), so a test sees every
 * listener a library opened, on whatever port it picked.
 */
final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    static boolean supported() {
        return Files.isReadable(Path.of("/proc/self/net/tcp"))
                && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** Socket inode to local address, for this process's listening TCP sockets. */
    static Map<Long, InetSocketAddress> ofThisProcess() throws IOException {
        Set<Long> mine = socketInodes();
        Map<Long, InetSocketAddress> listening = new HashMap<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                long inode = Long.parseLong(f[9]);
                if (f[3].equals(LISTEN) && mine.contains(inode)) {
                    listening.put(inode, address(f[1]));
                }
            }
        }
        return listening;
    }

    private static Set<Long> socketInodes() throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor was closed while we listed them.
                }
            }
        }
        return inodes;
    }

    /** {@code 0100007F:1F90} (IPv4) or 32 hex digits (IPv6), each 32-bit word little-endian. */
    private static InetSocketAddress address(String hex) throws UnknownHostException {
        String[] hostPort = hex.split(":");
        String host = hostPort[0];
        byte[] bytes = new byte[host.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(host.substring(at, at + 2), 16);
            }
        }
        return new InetSocketAddress(
                InetAddress.getByAddress(bytes), Integer.parseInt(hostPort[1], 16));
    }
}
