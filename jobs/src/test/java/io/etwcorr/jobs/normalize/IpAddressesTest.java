package io.etwcorr.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.1.2.3, 10.1.2.3",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        // RFC 5952 section 4: leading zeros, longest run, first run on ties, no single group, lower case.
        "2001:0db8::0001, 2001:db8::1",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8::0:1, 2001:db8::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:DB8::AbCd, 2001:db8::abcd",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "::, ::",
        "1:0:0:0:0:0:0:0, 1::",
        "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
        "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
        "2620:4d:4000::1, 2620:4d:4000::1",
        // IPv4-mapped IPv6 becomes IPv4, in dotted or hex form.
        "::ffff:1.2.3.4, 1.2.3.4",
        "::FFFF:162.125.81.15, 162.125.81.15",
        "0:0:0:0:0:ffff:c0a8:1, 192.168.0.1",
        "::ffff:102:304, 1.2.3.4",
        // Other embedded IPv4 stays IPv6, in hex (RFC 5952 section 5 keeps dotted only for well-known prefixes).
        "::1.2.3.4, ::102:304",
        "64:ff9b::203.0.113.7, 64:ff9b::cb00:7107",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
        // Zone ids are dropped.
        "fe80::1%12, fe80::1",
        "fe80::1c2d:3e4f%eth0, fe80::1c2d:3e4f",
        "fe80::1%, fe80::1",
    })
    void canonicalizes(String text, String canonical) {
        assertThat(IpAddresses.canonical(text)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {
        " ", ";", "x", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4",
        "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.", ".1.2.3", "-1.2.3.4", "1.2.3.4/24", "1.2.3.4%1", "0x1.2.3.4",
        "\u0661.\u0662.\u0663.\u0664", "\uFF11.2.3.4", "1", "4294967295",
        ":", ":::", "::::", "1:", ":1", "1::2::3", "12345::", "g::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
        "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", "::ffff:1.2.3.256", "::ffff:1.2.3", "1:2:3:4:5:6:7:1.2.3.4",
        "1.2.3.4::", "::1.2.3.4:5", "::1.2.3.4.5", "[::1]", "::1 ", "%eth0",
        "\u0661::1", "\uFF41::1",
    })
    void rejectsWhatIsNoIpLiteral(String text) {
        assertThat(IpAddresses.canonical(text)).isNull();
    }

    @Test
    void agreesWithTheJdkOnRandomAddresses() throws UnknownHostException {
        Random random = new Random(5952);
        for (int run = 0; run < 5000; run++) {
            byte[] bytes = new byte[16];
            StringBuilder full = new StringBuilder();
            for (int group = 0; group < 8; group++) {
                // Mostly zero groups, so that runs of every length and position occur.
                int value = random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0;
                bytes[2 * group] = (byte) (value >>> 8);
                bytes[2 * group + 1] = (byte) value;
                full.append(group == 0 ? "" : ":").append(Integer.toHexString(value).toUpperCase());
            }

            String canonical = IpAddresses.canonical(full.toString());

            // Parsing a literal never resolves a name, so the JDK can check our text.
            InetAddress parsed = InetAddress.getByName(canonical);
            InetAddress original = InetAddress.getByAddress(bytes);
            assertThat(parsed).as(full.toString()).isEqualTo(original);
            assertThat(IpAddresses.canonical(canonical)).isEqualTo(canonical);
            assertThat(canonical).doesNotContain(":::").doesNotContain("0000").isEqualTo(canonical.toLowerCase());
            assertThat(canonical.indexOf("::")).isEqualTo(canonical.lastIndexOf("::"));
            assertThat(canonical.split(":", -1)).noneMatch(group -> group.length() > 1 && group.startsWith("0"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "::1", "169.254.0.1", "169.254.255.255", "fe80::1",
        "fe9a::1", "feab:1::", "febf:ffff::1"})
    void recognizesLoopbackAndLinkLocal(String canonical) {
        assertThat(IpAddresses.isLoopbackOrLinkLocal(canonical)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "128.0.0.1", "169.253.0.1", "169.25.4.1", "::", "::2", "fec0::1", "fe8::1",
        "fe7f::1", "2001:db8::1", "0.0.0.0", ""})
    void recognizesOtherAddresses(String canonical) {
        assertThat(IpAddresses.isLoopbackOrLinkLocal(canonical)).isFalse();
    }

    @Test
    void recognizesUnspecifiedAddresses() {
        assertThat(IpAddresses.isUnspecified("0.0.0.0")).isTrue();
        assertThat(IpAddresses.isUnspecified("::")).isTrue();
        assertThat(IpAddresses.isUnspecified("::1")).isFalse();
        assertThat(IpAddresses.isUnspecified(null)).isFalse();
        assertThat(IpAddresses.isLoopbackOrLinkLocal(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"224.0.0.251", "239.255.255.250", "255.255.255.255", "ff02::1", "ff05::1:3"})
    void recognizesMulticastAndBroadcast(String canonical) {
        assertThat(IpAddresses.isMulticastOrBroadcast(canonical)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"223.255.255.255", "240.0.0.1", "10.0.0.255", "ff::1", "2001:db8::ff", "fe80::1"})
    void recognizesUnicast(String canonical) {
        assertThat(IpAddresses.isMulticastOrBroadcast(canonical)).isFalse();
    }
}
