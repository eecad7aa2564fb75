package io.etwcorr.simulator;

import java.util.List;

/** What a DNS query returned: the {@code QueryResults} text and the addresses in it, the first one used. */
record SimulatedDnsAnswer(String results, List<String> addresses) {
}
