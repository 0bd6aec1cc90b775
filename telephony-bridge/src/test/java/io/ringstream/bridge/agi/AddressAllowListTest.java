package io.ringstream.bridge.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Which PBX addresses FastAGI answers: IPs and CIDR blocks, IPv4 and IPv6, literals only. */
class AddressAllowListTest {

    private static boolean allows(String list, String address) throws Exception {
        return AddressAllowList.parse(list).allows(InetAddress.getByName(address));
    }

    @Test
    void singleAddressesAndIpv4Blocks() throws Exception {
        assertThat(allows("10.0.0.5", "10.0.0.5")).isTrue();
        assertThat(allows("10.0.0.5", "10.0.0.6")).isFalse();
        assertThat(allows("192.168.8.0/21", "192.168.15.255")).isTrue();
        assertThat(allows("192.168.8.0/21", "192.168.16.0")).isFalse();
        assertThat(allows("0.0.0.0/0", "203.0.113.9")).isTrue();
        assertThat(allows("10.0.0.0/8, 172.16.0.0/12", "172.31.1.1")).isTrue();
    }

    @Test
    void ipv6AddressesAndBlocks() throws Exception {
        assertThat(allows("::1", "::1")).isTrue();
        assertThat(allows("fd00:1::/32", "fd00:1:ffff::7")).isTrue();
        assertThat(allows("fd00:1::/32", "fd00:2::7")).isFalse();
        assertThat(allows("[2001:db8::1]", "2001:db8::1")).isTrue();
        assertThat(allows("::/0", "10.0.0.1")).isFalse();
    }

    @Test
    void anIpv4ClientOnADualStackSocketMatchesItsIpv4Entry() throws Exception {
        InetAddress mapped =
                InetAddress.getByAddress(
                        new byte[] {
                            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 5
                        });
        assertThat(AddressAllowList.parse("10.0.0.0/24").allows(mapped)).isTrue();
        assertThat(AddressAllowList.LOOPBACK.allows(InetAddress.getByName("127.1.2.3"))).isTrue();
    }

    @Test
    void hostNamesAndMalformedEntriesAreRefusedWithoutAskingDns() {
        assertThatThrownBy(() -> AddressAllowList.parse("pbx.example.com"))
                .hasMessageContaining("'pbx.example.com' is not an IP address");
        assertThatThrownBy(() -> AddressAllowList.parse("10.0.0.256"))
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> AddressAllowList.parse("10.0.0.0/40"))
                .hasMessageContaining("0..32");
        assertThatThrownBy(() -> AddressAllowList.parse("fd00::/129"))
                .hasMessageContaining("0..128");
        assertThatThrownBy(() -> AddressAllowList.parse("1:2:3"))
                .hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> AddressAllowList.parse(" , "))
                .hasMessageContaining("names no address");
        for (String wildcard : new String[] {"*", "10.0.0.*", "10.0.0.1-9", "10.1", "0x0a000001"}) {
            assertThatThrownBy(() -> AddressAllowList.parse(wildcard))
                    .as(wildcard)
                    .hasMessageContaining("not an IP address");
        }
    }
}
