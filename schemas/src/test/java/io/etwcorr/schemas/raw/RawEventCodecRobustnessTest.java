package io.etwcorr.schemas.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.etwcorr.schemas.ContractExamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever the input, the codec fails only with {@link RawEventException}. */
class RawEventCodecRobustnessTest {
    private static final String DNS = ContractExamples.rawEvents().get(1);

    @Test
    void everyTruncationOfEveryExampleIsRejected() {
        for (String line : ContractExamples.rawEvents()) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            for (int length = 0; length < bytes.length; length++) {
                byte[] truncated = Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> RawEventCodec.decode(truncated))
                        .as("prefix of %d bytes", length)
                        .isInstanceOf(RawEventException.class);
            }
        }
    }

    @Test
    void hostileDocumentsAreRejected() {
        List<String> corpus = new ArrayList<>(List.of(
                "", " ", "[]", "null", "true", "0", "\"x\"", "{", "}", "{}", "{\"v\":1}", "\uFEFF{}",
                "{\"v\":NaN}", "{\"v\":Infinity}", "{\"v\":-Infinity}", "{\"v\":01}", "{\"v\":1,}", "{'v':1}",
                "{\"v\":\"\u0000\"}", "{\"v\":\"\\u0000\"}", "{\"v\":\"\\ud800\"}", "{\"v\":\"\\x41\"}",
                "{\"v\":1}{\"v\":1}", "{\"v\":" + "9".repeat(5000) + "}", "{\"v\":1e99999999}"));
        corpus.add("[".repeat(10_000) + "]".repeat(10_000));
        corpus.add("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
        corpus.add("{\"future\":" + "[".repeat(10_000) + "]".repeat(10_000) + "," + DNS.substring(1));
        corpus.add("{\"future\":" + "[".repeat(10_000) + "," + DNS.substring(1));
        corpus.add(DNS.replace("\"QueryType\":1", "\"QueryType\":" + "[".repeat(10_000) + "]".repeat(10_000)));
        corpus.add(DNS.replace("\"QueryType\":1", "\"QueryType\":" + "9".repeat(2000)));
        corpus.add(DNS.replace("\"QueryType\":1", "\"QueryType\":0." + "9".repeat(2000)));
        corpus.add(DNS.replace("cdn.evil.example", "a\u0007b"));
        corpus.add(DNS.replace("cdn.evil.example", "x".repeat(RawEventCodec.MAX_RECORD_BYTES)));
        for (String document : corpus) {
            assertThatThrownBy(() -> RawEventCodec.decode(document))
                    .as("%.80s", document)
                    .isInstanceOf(RawEventException.class);
        }
    }

    @Test
    void randomByteMutationsNeverEscapeAsOtherExceptions() {
        Random random = new Random(20261125);
        List<byte[]> seeds = ContractExamples.rawEvents().stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
        int decoded = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] mutated = seeds.get(random.nextInt(seeds.size())).clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                mutated[random.nextInt(mutated.length)] = (byte) (random.nextBoolean() ? random.nextInt(256) : "{}[]\",:0-.eE\\ ".charAt(random.nextInt(14)));
            }
            try {
                RawEventCodec.decode(mutated);
                decoded++;
            } catch (RawEventException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (Throwable unexpected) {
                fail("%s escaped for %s", unexpected, new String(mutated, StandardCharsets.ISO_8859_1), unexpected);
            }
        }
        assertThat(decoded).as("some mutations stay valid (e.g. inside strings)").isPositive();
    }
}
