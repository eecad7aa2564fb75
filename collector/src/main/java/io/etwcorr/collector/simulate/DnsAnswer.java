package io.etwcorr.collector.simulate;

import java.util.List;

/** What a DNS query returned: the {@code QueryResults} text and the addresses in it, the first one used. */
record DnsAnswer(String results, List<String> addresses) {
}
