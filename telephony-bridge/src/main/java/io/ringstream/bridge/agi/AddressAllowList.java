package io.ringstream.bridge.agi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The PBX addresses FastAGI answers, so that nobody else on the network can run the route scripts
 * (and so make the bridge call routing-service with its credentials). Parsed from {@code
 * RINGSTREAM_FASTAGI_ALLOW}: comma-separated IP addresses and CIDR blocks, IPv4 and IPv6, e.g.
 * {@code 10.0.0.5,192.168.10.0/24,fd00:1::/64}. Literals only: a host name is refused, since
 * resolving it would let DNS decide who may connect. An IPv4 client reaching a dual-stack socket
 * (as {@code ::ffff:a.b.c.d}) is matched as its IPv4 address.
 */
public final class AddressAllowList {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Loopback only: {@code 127.0.0.0/8,::1}. (After the patterns it is parsed with.) */
    public static final AddressAllowList LOOPBACK = parse("127.0.0.0/8,::1");

    private final List<Block> blocks;
    private final String text;

    private AddressAllowList(List<Block> blocks, String text) {
        this.blocks = List.copyOf(blocks);
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException naming the entry that is not an IP address or CIDR block, or
     *     when the list is empty
     */
    public static AddressAllowList parse(String text) {
        List<Block> blocks = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            blocks.add(block(entry));
            entries.add(entry);
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("the FastAGI allow-list names no address");
        }
        return new AddressAllowList(blocks, String.join(",", entries));
    }

    /** An IP literal (IPv4 dotted or IPv6, optionally in brackets), never resolved by DNS. */
    public static InetAddress literal(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        boolean v4 = IPV4.matcher(s).matches();
        if (!v4 && !IPV6.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        if (v4) {
            for (String octet : s.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("'" + text + "' is not an IP address");
                }
            }
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
        }
    }

    public boolean allows(InetAddress address) {
        byte[] bytes = unmapped(address.getAddress());
        for (Block b : blocks) {
            if (b.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash)).getAddress();
        int bits = network.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(
                        "'" + entry + "': the prefix length must be 0.." + bits);
            }
        }
        return new Block(network, prefix);
    }

    /** {@code ::ffff:a.b.c.d} as a.b.c.d. */
    private static byte[] unmapped(byte[] address) {
        if (address.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            if (address[10] == (byte) 0xff && address[11] == (byte) 0xff) {
                return Arrays.copyOfRange(address, 12, 16);
            }
        }
        return address;
    }

    @Override
    public String toString() {
        return text;
    }

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
