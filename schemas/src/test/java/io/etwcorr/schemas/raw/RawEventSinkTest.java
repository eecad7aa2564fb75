package io.etwcorr.schemas.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.schemas.ContractExamples;
import io.etwcorr.schemas.raw.RawEventSink.Part;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RawEventCodec#decode(byte[], RawEventSink)}: what a sink receives, and what it is spared. */
class RawEventSinkTest {
    /** The DNS example of the contract. */
    private static final String DNS = ContractExamples.rawEvents().get(1);

    /** Records the calls it gets; keeps only {@code kept} keys of props, and every key of x. */
    private static final class Recorder implements RawEventSink<List<String>> {
        private final Set<String> kept;
        private final List<String> calls = new ArrayList<>();

        Recorder(String... kept) {
            this.kept = Set.of(kept);
        }

        @Override
        public void begin() {
            calls.clear();
            calls.add("begin");
        }

        @Override
        public void object(Part part) {
            calls.add("object " + part);
        }

        @Override
        public int slot(Part part, String key) {
            return part == Part.X || kept.contains(key) ? key.length() : -1;
        }

        @Override
        public void integer(Part part, String key, int slot, long value) {
            calls.add(part + " " + key + "@" + slot + " long " + value);
        }

        @Override
        public void number(Part part, String key, int slot, double value) {
            calls.add(part + " " + key + "@" + slot + " double " + value);
        }

        @Override
        public void string(Part part, String key, int slot, String value) {
            calls.add(part + " " + key + "@" + slot + " string " + value);
        }

        @Override
        public void bool(Part part, String key, int slot, boolean value) {
            calls.add(part + " " + key + "@" + slot + " boolean " + value);
        }

        @Override
        public void array(Part part, String key, int slot, List<Object> elements) {
            calls.add(part + " " + key + "@" + slot + " array " + elements);
        }

        @Override
        public List<String> end(RawEnvelope envelope) {
            calls.add("end " + envelope.host() + " " + envelope.provider() + " " + envelope.id() + " seq " + envelope.seq()
                    + " opcode " + envelope.opcode() + " pkey " + envelope.pkey());
            return calls;
        }
    }

    @Test
    void handsOverOnlyTheValuesTheSinkHasASlotFor() throws RawEventException {
        String line = DNS.replace("\"QueryOptions\":0", "\"QueryOptions\":0,\"Ratio\":0.5,\"Flag\":true,\"List\":[1,\"a\"]")
                .replace("}}", "},\"x\":{\"user\":\"CORP\\\\a\",\"n\":3}}");
        List<String> calls = RawEventCodec.decode(bytes(line), new Recorder("QueryName", "QueryType", "Ratio", "Flag", "List"));

        assertThat(calls).containsExactly("begin", "object PROPS",
                "PROPS QueryName@9 string cdn.evil.example",
                "PROPS QueryType@9 long 1",
                "PROPS Ratio@5 double 0.5",
                "PROPS Flag@4 boolean true",
                "PROPS List@4 array [1, a]",
                "object X", "X user@4 string CORP\\a", "X n@1 long 3",
                "end WS-0042 Microsoft-Windows-DNS-Client 3008 seq 18 opcode -1 pkey -1");
    }

    @Test
    void optionalEnvelopeNumbersArriveAsTheirValues() throws RawEventException {
        String line = DNS.replace("\"pid\"", "\"opcode\":10,\"pkey\":9981,\"pid\"");

        assertThat(RawEventCodec.decode(bytes(line), new Recorder())).last().asString().endsWith("opcode 10 pkey 9981");
    }

    /** A value the sink skips is validated all the same, with the reason the map path gives. */
    @ParameterizedTest
    @ValueSource(strings = {"null", "[[1]]", "[null]", "{\"a\":1}", "123456789012345678901234567890", "1e999", "[1e999]"})
    void skippedValuesAreStillValidated(String value) {
        byte[] line = bytes(DNS.replace("\"QueryOptions\":0", "\"QueryOptions\":" + value));

        assertThatThrownBy(() -> RawEventCodec.decode(line, new Recorder()))
                .isInstanceOf(RawEventException.class)
                .hasMessage(reasonOfTheMapPath(line))
                .hasMessageContaining("props.QueryOptions");
    }

    @Test
    void aFailedDecodeNeverEndsAndTheNextBeginsAfresh() throws RawEventException {
        Recorder sink = new Recorder("QueryName");
        assertThatThrownBy(() -> RawEventCodec.decode(bytes(DNS.replace("\"v\":1", "\"v\":1,\"v\":1")), sink))
                .hasMessage("duplicate field 'v'");

        assertThat(RawEventCodec.decode(bytes(DNS), sink)).containsExactly("begin", "object PROPS",
                "PROPS QueryName@9 string cdn.evil.example",
                "end WS-0042 Microsoft-Windows-DNS-Client 3008 seq 18 opcode -1 pkey -1");
    }

    /** Keys are compared one by one for small objects and hashed for larger ones: both find a repeat. */
    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 17, 40})
    void aRepeatedKeyIsRefusedWhetherKeptOrSkipped(int before) throws RawEventException {
        String many = IntStream.range(0, before).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(","));
        byte[] unique = bytes(DNS.replace("\"props\":{", "\"props\":{" + many + ","));
        byte[] repeatedSkipped = bytes(DNS.replace("\"props\":{", "\"props\":{" + many + ",\"k0\":0,"));
        byte[] repeatedKept = bytes(DNS.replace("\"props\":{", "\"props\":{" + many + ",\"QueryType\":2,"));

        assertThat(RawEventCodec.decode(unique, new Recorder())).isNotEmpty();
        assertThatThrownBy(() -> RawEventCodec.decode(repeatedSkipped, new Recorder()))
                .hasMessage("props.k0: duplicate key");
        assertThatThrownBy(() -> RawEventCodec.decode(repeatedKept, new Recorder("QueryType")))
                .hasMessage("props.QueryType: duplicate key");
    }

    private static String reasonOfTheMapPath(byte[] line) {
        try {
            RawEventCodec.decode(line);
            throw new AssertionError("the map path accepted " + new String(line, StandardCharsets.UTF_8));
        } catch (RawEventException e) {
            return e.getMessage();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
