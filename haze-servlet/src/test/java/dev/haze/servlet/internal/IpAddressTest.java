package dev.haze.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1 | 192.0.2.1", "0.0.0.0 | 0.0.0.0", "255.255.255.255 | 255.255.255.255",
        "::1 | 0:0:0:0:0:0:0:1", "[::1] | 0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:1 | 0:0:0:0:0:0:0:1",
        "[0:0:0:0:0:0:0:1] | 0:0:0:0:0:0:0:1", ":: | 0:0:0:0:0:0:0:0", "2001:DB8::A | 2001:db8:0:0:0:0:0:a",
        "2001:0db8:0000:0000:0000:0000:0000:000a | 2001:db8:0:0:0:0:0:a", "fe80::1:2 | fe80:0:0:0:0:0:1:2",
        "1:2:3:4:5:6:7:: | 1:2:3:4:5:6:7:0", "::2:3:4:5:6:7:8 | 0:2:3:4:5:6:7:8",
        "64:ff9b::192.0.2.1 | 64:ff9b:0:0:0:0:c000:201",
        "::ffff:192.0.2.1 | 192.0.2.1", "0:0:0:0:0:ffff:c000:201 | 192.0.2.1", "[::ffff:127.0.0.1] | 127.0.0.1"})
    void readsLiteralsIntoCanonicalForm(String text, String canonical) {
        assertThat(IpAddress.parse(text)).hasToString(canonical);
    }

    @Test
    void spellingsOfOneAddressAreEqual() {
        assertThat(IpAddress.parse("[0:0:0:0:0:0:0:1]")).isEqualTo(IpAddress.parse("::1"))
                .isEqualTo(IpAddress.parseHop("[::1]:8080")).hasSameHashCodeAs(IpAddress.parse("0::1"));
        assertThat(IpAddress.parse("::ffff:10.0.0.1")).isEqualTo(IpAddress.parse("10.0.0.1"));
        assertThat(IpAddress.parse("::1")).isNotEqualTo(IpAddress.parse("::2"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"localhost", "proxy.example", "cafe", "abc", "1.2.3", "1.2.3.4.5", "256.0.0.1",
        "01.2.3.4", "1.2.3.-4", "1..2.3", "::1::", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
        "12345::", "::g", "fe80::1%eth0", "[1.2.3.4]", "[::1", "::1]", "::1.2.3", "::256.1.1.1",
        "1:2:3:4:5:6:7:1.2.3.4", "\uff11.2.3.4", "::\u0661", ":1::", "1::2:"})
    void refusesEverythingThatIsNotALiteral(String text) {
        assertThat(IpAddress.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1:4711 | 192.0.2.1", " 192.0.2.1 | 192.0.2.1", "[2001:db8::1]:443 | 2001:db8:0:0:0:0:0:1",
        "[::1] | 0:0:0:0:0:0:0:1", "2001:db8::1 | 2001:db8:0:0:0:0:0:1", "[::ffff:192.0.2.1]:80 | 192.0.2.1"})
    void readsForwardingHopsWithOrWithoutAPort(String hop, String canonical) {
        assertThat(IpAddress.parseHop(hop)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "_hidden", "192.0.2.1:", "192.0.2.1:123456", "192.0.2.1:http",
        "[::1]:", "[::1]x", "[::1]:8080:1", "host.example:80", "[1.2.3.4]:80"})
    void refusesHopsThatAreNoAddress(String hop) {
        assertThat(IpAddress.parseHop(hop)).isNull();
    }

    @Test
    void ratesIpv4ClientsByAddressAndIpv6ClientsByTheirSlash64() {
        assertThat(IpAddress.parse("192.0.2.1").rateLimitKey()).isEqualTo("192.0.2.1");
        assertThat(IpAddress.parse("2001:db8:1:2::a").rateLimitKey()).isEqualTo("2001:db8:1:2::/64")
                .isEqualTo(IpAddress.parse("2001:db8:1:2:ffff:ffff:ffff:ffff").rateLimitKey())
                .isNotEqualTo(IpAddress.parse("2001:db8:1:3::a").rateLimitKey());
        assertThat(IpAddress.parse("::ffff:192.0.2.1").rateLimitKey()).isEqualTo("192.0.2.1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/8 | 10.255.3.4 | true", "10.0.0.0/8 | 11.0.0.1 | false", "10.1.2.3 | 10.1.2.3 | true",
        "10.1.2.3 | 10.1.2.4 | false", "10.1.2.3/32 | 10.1.2.3 | true", "0.0.0.0/0 | 203.0.113.9 | true",
        "192.168.1.128/25 | 192.168.1.200 | true", "192.168.1.128/25 | 192.168.1.100 | false",
        "172.16.0.0/12 | 172.31.255.255 | true", "172.16.0.0/12 | 172.32.0.0 | false",
        "::1 | [0:0:0:0:0:0:0:1] | true", "[::1] | ::1 | true", "::1/128 | ::2 | false",
        "fd00::/8 | fd12:3456::1 | true", "fd00::/8 | fe80::1 | false", "::/0 | 2001:db8::1 | true",
        "::/0 | 10.0.0.1 | false", "0.0.0.0/0 | ::1 | false", "::ffff:10.0.0.0/104 | 10.9.9.9 | true",
        "::ffff:10.0.0.0/104 | 11.0.0.1 | false", "10.0.0.0/8 | ::ffff:10.1.1.1 | true",
        "2001:db8:1:2::/64 | 2001:db8:1:2:ffff::1 | true", "2001:db8:1:2::/64 | 2001:db8:1:3::1 | false"})
    void rangesHoldTheirAddresses(String range, String address, boolean inside) {
        assertThat(IpRange.parse(range).contains(IpAddress.parse(address))).isEqualTo(inside);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.0/a",
        "proxy.example/8", "::ffff:10.0.0.0/95", "10.0.0.0/0008"})
    void refusesWhatIsNoRange(String text) {
        assertThat(IpRange.parse(text)).isNull();
    }

    @Test
    void rangesShowTheirNetwork() {
        assertThat(IpRange.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(IpRange.parse("::1")).hasToString("0:0:0:0:0:0:0:1/128");
    }
}
