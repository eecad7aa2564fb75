package io.etwcorr.jobs.normalize;

import static io.etwcorr.jobs.normalize.RawEventFixtures.COLLECTOR;
import static io.etwcorr.jobs.normalize.RawEventFixtures.DNS_CLIENT;
import static io.etwcorr.jobs.normalize.RawEventFixtures.KERNEL_NETWORK;
import static io.etwcorr.jobs.normalize.RawEventFixtures.KERNEL_PROCESS;
import static io.etwcorr.jobs.normalize.RawEventFixtures.dnsCacheAnswer;
import static io.etwcorr.jobs.normalize.RawEventFixtures.dnsNetworkAnswer;
import static io.etwcorr.jobs.normalize.RawEventFixtures.dnsQuery;
import static io.etwcorr.jobs.normalize.RawEventFixtures.dnsQueryCompleted;
import static io.etwcorr.jobs.normalize.RawEventFixtures.extend;
import static io.etwcorr.jobs.normalize.RawEventFixtures.heartbeat;
import static io.etwcorr.jobs.normalize.RawEventFixtures.network;
import static io.etwcorr.jobs.normalize.RawEventFixtures.networkConnect;
import static io.etwcorr.jobs.normalize.RawEventFixtures.networkSend;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processRundown;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStartV3;
import static io.etwcorr.jobs.normalize.RawEventFixtures.processStopV2;
import static io.etwcorr.jobs.normalize.RawEventFixtures.raw;
import static io.etwcorr.jobs.normalize.RawEventFixtures.threadStart;
import static io.etwcorr.jobs.normalize.RawEventFixtures.withProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract violations become a RawEventException with a specific reason, and nothing else escapes. */
class EventNormalizerRejectionTest {

    private final EventNormalizer normalizer = new EventNormalizer();

    /** A valid event of each correlated kind and the props it cannot do without. */
    private record Template(RawEvent raw, List<String> required) {
        String reasonPrefix() {
            return raw.provider() + " " + raw.id() + ": ";
        }
    }

    private static List<Template> templates() {
        List<String> network = List.of("PID", "size", "daddr", "saddr", "dport", "sport");
        List<Template> templates = new ArrayList<>(List.of(
                new Template(raw(KERNEL_PROCESS, 1, 3, 5120, processStartV3()),
                        List.of("ProcessID", "CreateTime", "ParentProcessID")),
                new Template(raw(KERNEL_PROCESS, 15, 1, 4, processRundown()),
                        List.of("ProcessID", "CreateTime", "ParentProcessID")),
                new Template(raw(KERNEL_PROCESS, 2, 2, 4, processStopV2()), List.of("ProcessID", "CreateTime")),
                new Template(raw(KERNEL_PROCESS, 3, 1, 5120, threadStart()), List.of("ProcessID", "ThreadID")),
                new Template(raw(DNS_CLIENT, 3006, 0, 7312, dnsQuery()), List.of("QueryName", "QueryType")),
                new Template(raw(DNS_CLIENT, 3008, 0, 7312, dnsQueryCompleted(0, "1.2.3.4;")),
                        List.of("QueryName", "QueryType", "QueryStatus")),
                new Template(raw(DNS_CLIENT, 3018, 1, 2240, extend(dnsCacheAnswer(0, "1.2.3.4;"), "ClientPID", 7312L)),
                        List.of("QueryName", "QueryType", "Status")),
                new Template(raw(DNS_CLIENT, 3020, 0, 7312, dnsNetworkAnswer(0, "1.2.3.4;")),
                        List.of("QueryName", "QueryType", "Status")),
                new Template(raw(COLLECTOR, 1, 0, 900, heartbeat()),
                        List.of("eventsLost", "buffersLost", "sent", "spooled", "dropped"))));
        for (int id : new int[] {10, 26}) {
            templates.add(new Template(raw(KERNEL_NETWORK, id, 0, -1, networkSend("203.0.113.7", "10.0.0.42", 517)), network));
        }
        for (int id : new int[] {12, 15, 28, 31}) {
            templates.add(new Template(raw(KERNEL_NETWORK, id, 0, -1, networkConnect("2001:db8::7", "2001:db8::42")), network));
        }
        for (int id : new int[] {11, 13, 14, 16, 42, 43, 27, 29, 30, 32, 58, 59}) {
            templates.add(new Template(raw(KERNEL_NETWORK, id, 0, -1, network("203.0.113.7", "10.0.0.42", 64)), network));
        }
        return templates;
    }

    static Stream<Arguments> requiredProps() {
        return templates().stream().flatMap(template -> template.required().stream()
                .map(prop -> arguments(template.reasonPrefix() + prop, template, prop)));
    }

    @Test
    void templatesAreValid() throws RawEventException {
        for (Template template : templates()) {
            assertThat(normalizer.normalize(template.raw()).kind).isNotEqualTo(EventKind.PASSED_OVER);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredProps")
    void rejectsAMissingRequiredProp(String name, Template template, String prop) {
        Map<String, Object> props = new LinkedHashMap<>(template.raw().props());
        props.remove(prop);

        assertThatThrownBy(() -> normalizer.normalize(withProps(template.raw(), props)))
                .isInstanceOf(RawEventException.class)
                .hasMessage(template.reasonPrefix() + "missing property '" + prop + "'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredProps")
    void rejectsARequiredPropOfTheWrongType(String name, Template template, String prop) {
        Map<String, Object> props = new LinkedHashMap<>(template.raw().props());
        // Every required prop is an integer, a string or an IP address: neither fits all three.
        props.put(prop, List.of(1L, 2L));

        assertThatThrownBy(() -> normalizer.normalize(withProps(template.raw(), props)))
                .isInstanceOf(RawEventException.class)
                .message()
                .startsWith(template.reasonPrefix())
                .contains("'" + prop + "'")
                .endsWith("a list of 2");
    }

    @Test
    void treatsJsonNullAsMissing() {
        RawEvent raw = raw(KERNEL_NETWORK, 12, 0, -1, extend(networkConnect("203.0.113.7", "10.0.0.42"), "daddr", null));

        assertThatThrownBy(() -> normalizer.normalize(raw))
                .hasMessage("Microsoft-Windows-Kernel-Network 12: missing property 'daddr'");
    }

    @Test
    void rejectsACorrelatedEventWithoutProps() {
        assertThatThrownBy(() -> normalizer.normalize(raw(DNS_CLIENT, 3006, 0, 7312, null)))
                .hasMessage("Microsoft-Windows-DNS-Client 3006: missing property 'QueryName'");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("specificReasons")
    void givesASpecificReason(RawEvent raw, String reason) {
        assertThatThrownBy(() -> normalizer.normalize(raw)).isInstanceOf(RawEventException.class).hasMessage(reason);
    }

    static Stream<Arguments> specificReasons() {
        Map<String, Object> connect = networkConnect("203.0.113.7", "10.0.0.42");
        return Stream.of(
                arguments(raw(KERNEL_NETWORK, 12, 0, -1, extend(connect, "dport", 70_000L)),
                        "Microsoft-Windows-Kernel-Network 12: property 'dport' must be an integer 0..65535, got 70000"),
                arguments(raw(KERNEL_NETWORK, 12, 0, -1, extend(connect, "daddr", "x")),
                        "Microsoft-Windows-Kernel-Network 12: 'daddr' is not an IP address: \"x\""),
                arguments(raw(KERNEL_NETWORK, 12, 0, -1, extend(connect, "saddr", "localhost")),
                        "Microsoft-Windows-Kernel-Network 12: 'saddr' is not an IP address: \"localhost\""),
                arguments(raw(KERNEL_NETWORK, 12, 0, -1, extend(connect, "saddr", 167_772_202L)),
                        "Microsoft-Windows-Kernel-Network 12: 'saddr' is not an IP address: 167772202"),
                arguments(raw(KERNEL_NETWORK, 10, 0, -1, extend(connect, "PID", -4L)),
                        "Microsoft-Windows-Kernel-Network 10: property 'PID' must be an integer 0..4294967295, got -4"),
                arguments(raw(KERNEL_NETWORK, 11, 0, -1, extend(connect, "size", 1.5)),
                        "Microsoft-Windows-Kernel-Network 11: property 'size' must be an integer 0..4294967295, got 1.5"),
                arguments(raw(KERNEL_NETWORK, 11, 0, -1, extend(connect, "sport", "443")),
                        "Microsoft-Windows-Kernel-Network 11: property 'sport' must be an integer 0..65535, got \"443\""),
                arguments(raw(KERNEL_NETWORK, 13, 0, -1, extend(connect, "connid", -1L)),
                        "Microsoft-Windows-Kernel-Network 13: property 'connid' must be an unsigned 64-bit integer, got -1"),
                arguments(raw(KERNEL_NETWORK, 13, 0, -1, extend(connect, "connid", "18446744073709551616")),
                        "Microsoft-Windows-Kernel-Network 13: property 'connid' must be an unsigned 64-bit integer,"
                                + " got \"18446744073709551616\""),
                arguments(raw(KERNEL_PROCESS, 1, 3, 5120, extend(processStartV3(), "ProcessSequenceNumber", "abc")),
                        "Microsoft-Windows-Kernel-Process 1: property 'ProcessSequenceNumber' must be an unsigned"
                                + " 64-bit integer, got \"abc\""),
                arguments(raw(KERNEL_PROCESS, 1, 3, 5120, extend(processStartV3(), "CreateTime", true)),
                        "Microsoft-Windows-Kernel-Process 1: property 'CreateTime' must be an integer, got true"),
                arguments(raw(KERNEL_PROCESS, 1, 3, 5120, extend(processStartV3(), "ImageName", 42L)),
                        "Microsoft-Windows-Kernel-Process 1: property 'ImageName' must be a string, got 42"),
                arguments(raw(KERNEL_PROCESS, 2, 2, 4, extend(processStopV2(), "ExitCode", -1_073_741_819L)),
                        "Microsoft-Windows-Kernel-Process 2: property 'ExitCode' must be an integer 0..4294967295,"
                                + " got -1073741819"),
                arguments(raw(DNS_CLIENT, 3018, 1, 2240, extend(dnsCacheAnswer(0, ""), "ClientPID", "7312")),
                        "Microsoft-Windows-DNS-Client 3018: property 'ClientPID' must be an integer 0..4294967295,"
                                + " got \"7312\""),
                arguments(raw(DNS_CLIENT, 3020, 0, 7312, extend(dnsNetworkAnswer(0, ""), "QueryResults", List.of())),
                        "Microsoft-Windows-DNS-Client 3020: property 'QueryResults' must be a string, got a list of 0"),
                arguments(raw(DNS_CLIENT, 3006, 0, 7312, extend(dnsQuery(), "QueryType", 65_536L)),
                        "Microsoft-Windows-DNS-Client 3006: property 'QueryType' must be an integer 0..65535, got 65536"),
                arguments(raw(COLLECTOR, 1, 0, 900, extend(heartbeat(), "dropped", -1L)),
                        "EtwCorrelation-Collector 1: property 'dropped' must be an integer >= 0, got -1"),
                arguments(raw(KERNEL_NETWORK, 12, 0, -1, extend(connect, "daddr", "9".repeat(500))),
                        "Microsoft-Windows-Kernel-Network 12: 'daddr' is not an IP address: \"" + "9".repeat(79) + "\u2026\""));
    }

    // Fuzz: any props map gives an EtwEvent or a RawEventException, nothing else.

    private static final long FUZZ_SEED = 0x5eed_e7c0_22L;
    private static final int FUZZ_CASES = 20_000;

    @Test
    void onlyRawEventExceptionEscapesForAnyProps() {
        Random random = new Random(FUZZ_SEED);
        List<Template> templates = templates();
        int rejected = 0;
        for (int run = 0; run < FUZZ_CASES; run++) {
            Template template = templates.get(random.nextInt(templates.size()));
            Map<String, Object> props = new LinkedHashMap<>(template.raw().props());
            for (String prop : List.copyOf(props.keySet())) {
                if (random.nextInt(3) == 0) {
                    mutate(props, prop, random);
                }
            }
            RawEvent raw = withProps(template.raw(), props);
            try {
                EtwEvent event = normalizer.normalize(raw);
                assertThat(event.kind).isNotEqualTo(EventKind.PASSED_OVER);
            } catch (RawEventException expected) {
                assertThat(expected.getMessage()).startsWith(template.reasonPrefix()).hasSizeLessThan(300);
                rejected++;
            } catch (RuntimeException | Error unexpected) {
                fail("case " + run + " " + props + " threw " + unexpected, unexpected);
            }
        }
        // Both outcomes must be exercised for the fuzz to mean anything.
        assertThat(rejected).isBetween(FUZZ_CASES / 10, FUZZ_CASES - FUZZ_CASES / 10);
    }

    private static void mutate(Map<String, Object> props, String prop, Random random) {
        switch (random.nextInt(7)) {
            case 0 -> props.remove(prop);
            case 1 -> props.put(prop, null);
            case 2 -> props.put(prop, randomLong(random));
            case 3 -> props.put(prop, randomString(random));
            case 4 -> props.put(prop, random.nextBoolean() ? random.nextDouble() * 1e6 : Double.NaN);
            case 5 -> props.put(prop, random.nextBoolean());
            default -> props.put(prop, List.of(randomLong(random), randomString(random)));
        }
    }

    private static long randomLong(Random random) {
        long[] edges = {-1, 0, 1, 65_535, 65_536, 4_294_967_295L, 4_294_967_296L, Long.MAX_VALUE, Long.MIN_VALUE};
        return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong();
    }

    private static String randomString(Random random) {
        String[] samples = {"", " ", "x", "1.2.3.4", "::1", "::ffff:1.2.3.4", "fe80::1%eth0", "1.2.3.256", ":::",
            "18446744073709551615", "18446744073709551616", "-5", "Cdn.Example.", "type:  5 a.example;1.2.3.4;",
            ";;;", "\uD83D\uDE00", "%", "999999999999999999999999"};
        if (random.nextBoolean()) {
            return samples[random.nextInt(samples.length)];
        }
        StringBuilder text = new StringBuilder();
        String alphabet = "0123456789abcdefABCDEF:.;% type\uD800";
        int length = random.nextInt(random.nextInt(10) == 0 ? 3000 : 40);
        for (int index = 0; index < length; index++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
