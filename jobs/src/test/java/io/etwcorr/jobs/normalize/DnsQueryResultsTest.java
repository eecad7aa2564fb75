package io.etwcorr.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DnsQueryResultsTest {

    @Test
    void parsesTheContractExample() {
        DnsQueryResults results =
                DnsQueryResults.parse("type:  5 edge.example-dns.com;::ffff:162.125.81.15;198.51.44.6;2620:4d:4000::1;");

        assertThat(results.cnames()).containsExactly("edge.example-dns.com");
        assertThat(results.addresses()).containsExactly("162.125.81.15", "198.51.44.6", "2620:4d:4000::1");
    }

    @Test
    void keepsAtMostTheLimitOfAddressesAndCnamesOfAnOversizedAnswer() {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            answer.append("type:  5 c").append(i).append(".example.net;10.0.").append(i / 256).append('.').append(i % 256).append(';');
        }

        DnsQueryResults results = DnsQueryResults.parse(answer.toString());

        assertThat(results.addresses()).hasSize(DnsQueryResults.MAX_ADDRESSES).startsWith("10.0.0.0", "10.0.0.1")
                .endsWith("10.0.0.63");
        assertThat(results.cnames()).hasSize(DnsQueryResults.MAX_CNAMES).startsWith("c0.example.net")
                .endsWith("c15.example.net");
    }

    @Test
    void keepsCnamesInChainOrderNormalized() {
        DnsQueryResults results = DnsQueryResults.parse(
                "type:  5 First.Example.NET.;type: 5 second.example.net;type:   5 third.example.net;203.0.113.7;");

        assertThat(results.cnames()).containsExactly("first.example.net", "second.example.net", "third.example.net");
        assertThat(results.addresses()).containsExactly("203.0.113.7");
    }

    @Test
    void ignoresOtherRecordTypes() {
        DnsQueryResults results = DnsQueryResults.parse(
                "type:  12 ptr.example.net;type:  16 \"v=spf1 -all\";type:  33 srv.example.net;type:  65 x;1.2.3.4;");

        assertThat(results.cnames()).isEmpty();
        assertThat(results.addresses()).containsExactly("1.2.3.4");
    }

    @Test
    void acceptsAMissingTerminator() {
        DnsQueryResults results = DnsQueryResults.parse("1.2.3.4;2001:DB8:0:0:0:0:0:1");

        assertThat(results.addresses()).containsExactly("1.2.3.4", "2001:db8::1");
    }

    @Test
    void skipsGarbageEntriesAndKeepsTheRest() {
        DnsQueryResults results = DnsQueryResults.parse("hello;1.2.3;type:  5;type:  x foo.example;type:5foo.example;"
                + "type:  5 .;type:  5 two words;type:  99999999 big.example;::ffff:999.1.1.1;type:;;  10.0.0.1  ;"
                + "type:  5 ok.example;");

        assertThat(results.cnames()).containsExactly("ok.example");
        assertThat(results.addresses()).containsExactly("10.0.0.1");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {";", ";;", " ; ", "   ", "type:", "type:  5 ;"})
    void findsNothingInEmptyResults(String queryResults) {
        DnsQueryResults results = DnsQueryResults.parse(queryResults);

        assertThat(results.cnames()).isEmpty();
        assertThat(results.addresses()).isEmpty();
    }

    @Test
    void neverThrowsOnRandomText() {
        Random random = new Random(3008);
        String alphabet = "0123456789abcdefABCDEF:.;% typeTYPE\t\uD800";
        for (int run = 0; run < 5000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(80);
            for (int index = 0; index < length; index++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThatCode(() -> DnsQueryResults.parse(text.toString())).as(text.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void normalizesNames() {
        assertThat(DnsQueryResults.normalizeName("WWW.Example.COM.")).isEqualTo("www.example.com");
        assertThat(DnsQueryResults.normalizeName("www.example.com")).isEqualTo("www.example.com");
        assertThat(DnsQueryResults.normalizeName(".")).isEmpty();
        assertThat(DnsQueryResults.normalizeName("A".repeat(400) + ".")).isEqualTo("a".repeat(254) + "\u2026");
    }
}
