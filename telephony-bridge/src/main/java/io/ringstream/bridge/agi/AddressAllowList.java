package io.ringstream.bridge.agi;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The PBX addresses FastAGI answers, so that nobody else on the network can run the route scripts
 * (and so make the bridge call routing-service with its credentials). Parsed from {@code
 * RINGSTREAM_FASTAGI_ALLOW}: comma-separated IP addresses and CIDR blocks, IPv4 and IPv6, e.g.
 * {@code 10.0.0.5,192.168.10.0/24,fd00:1::/64}. Literals only: a host name is refused, since
 * resolving it would let DNS decide who may connect. An IPv4 client reaching a dual-stack socket
 * (as {@code ::ffff:a.b.c.d}) is matched as its IPv4 address. Parsing and matching are the
 * IPAddress library's (com.github.seancfoley), with wildcards, ranges, masks and the old {@code
 * inet_aton} forms switched off so that only plain addresses and prefixes are accepted.
 */
public final class AddressAllowList {
    // Plain addresses and prefix lengths only: no "*", ranges, masks, empty strings or inet_aton.
    private static final IPAddressStringParameters LITERALS = literalsOnly();

    /** Loopback only: {@code 127.0.0.0/8,::1}. */
    public static final AddressAllowList LOOPBACK = parse("127.0.0.0/8,::1");

    private final List<IPAddress> blocks;
    private final String text;

    private AddressAllowList(List<IPAddress> blocks, String text) {
        this.blocks = List.copyOf(blocks);
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException naming the entry that is not an IP address or CIDR block, or
     *     when the list is empty
     */
    public static AddressAllowList parse(String text) {
        List<IPAddress> blocks = new ArrayList<>();
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
        IPAddress address = parsed(text, text.trim());
        if (address.isPrefixed()) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        return address.toInetAddress();
    }

    public boolean allows(InetAddress address) {
        IPAddress client = new IPAddressString(address.getHostAddress()).getAddress();
        if (client == null) {
            return false;
        }
        if (client.isIPv6() && client.isIPv4Convertible()) {
            client = client.toIPv4();
        }
        for (IPAddress block : blocks) {
            if (block.getIPVersion() == client.getIPVersion() && block.contains(client)) {
                return true;
            }
        }
        return false;
    }

    /** An address or CIDR block; the prefix length is checked here to name its range. */
    private static IPAddress block(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        IPAddress address = parsed(entry, host);
        if (slash < 0) {
            return address;
        }
        int bits = address.getBitCount();
        int prefix;
        try {
            prefix = Integer.parseInt(entry.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException(
                    "'" + entry + "': the prefix length must be 0.." + bits);
        }
        return address.setPrefixLength(prefix, false).toPrefixBlock();
    }

    private static IPAddress parsed(String entry, String host) {
        String s = host.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            return new IPAddressString(s, LITERALS).toAddress();
        } catch (AddressStringException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address", e);
        }
    }

    private static IPAddressStringParameters literalsOnly() {
        IPAddressStringParameters.Builder b =
                new IPAddressStringParameters.Builder()
                        .allowEmpty(false)
                        .allowAll(false)
                        .allowMask(false)
                        .allowSingleSegment(false)
                        .allowPrefixOnly(false);
        b.getIPv4AddressParametersBuilder()
                .allow_inet_aton(false)
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE);
        b.getIPv6AddressParametersBuilder()
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE);
        return b.toParams();
    }

    @Override
    public String toString() {
        return text;
    }
}
