package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.testkit.etw.PayloadFixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every layout of etw-layouts.md decodes to its manifest props, in order, in the contract's types. */
class ManifestDecodersTest {
    private static final ManifestDecoders DECODERS = ManifestDecoders.standard();

    static List<LayoutFixture> fixtures() {
        return LayoutFixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesEveryDocumentedLayout(LayoutFixture fixture) throws PayloadException {
        Map<String, Object> props = decode(fixture);

        assertThat(props).containsExactlyEntriesOf(fixture.payload().expected());
        assertThat(props.values()).allMatch(value -> value instanceof Long || value instanceof String);
    }

    @Test
    void registersExactlyTheDocumentedLayouts() {
        Set<EventKey> documented = fixtures().stream().map(LayoutFixture::key).collect(Collectors.toSet());

        assertThat(DECODERS.keys()).containsExactlyInAnyOrderElementsOf(documented);
        assertThat(DECODERS.keys()).hasSize(22 + 15 + 22);
    }

    @Test
    void leavesUnknownEventsToTheGenericDecoder() throws PayloadException {
        byte[] payload = new byte[64];
        assertThat(DECODERS.find(EtwProvider.KERNEL_PROCESS.guid(), 1, 6)).as("newer ProcessStart").isNull();
        assertThat(DECODERS.find(EtwProvider.KERNEL_PROCESS.guid(), 5, 0)).as("ImageLoad").isNull();
        assertThat(DECODERS.find(EtwProvider.KERNEL_NETWORK.guid(), 10, 1)).isNull();
        assertThat(DECODERS.find(EtwProvider.DNS_CLIENT.guid(), 3006, 1)).isNull();
        assertThat(DECODERS.find(EtwProvider.DNS_CLIENT.guid(), 3010, 2)).isNull();
        assertThat(DECODERS.find(EtwProvider.DNS_CLIENT.guid(), 3007, 0)).isNull();
        assertThat(DECODERS.find(UUID.fromString("54849625-5478-4994-a5ba-3e3b0328c30d"), 1, 0)).isNull();
        assertThat(DECODERS.decode(EtwProvider.KERNEL_PROCESS.guid(), 1, 6, PayloadReader.of(payload, 0, 64, false))).isNull();
    }

    @Test
    void kernelNetworkFixturesFollowTheDocumentedOffsets() {
        assertOffsets(LayoutFixtures.send(LayoutFixtures.endpointsV4()), 36, "daddr", 8, "saddr", 12, "dport", 16,
                "sport", 18, "startime", 20, "endtime", 24, "seqnum", 28, "connid", 32);
        assertOffsets(LayoutFixtures.data(LayoutFixtures.endpointsV4()), 28, "dport", 16, "sport", 18, "seqnum", 20,
                "connid", 24);
        assertOffsets(LayoutFixtures.connect(LayoutFixtures.endpointsV4()), 44, "mss", 20, "sackopt", 22, "tsopt", 24,
                "wsopt", 26, "rcvwin", 28, "rcvwinscale", 32, "sndwinscale", 34, "seqnum", 36, "connid", 40);
        assertOffsets(LayoutFixtures.send(LayoutFixtures.endpointsV6(false)), 60, "daddr", 8, "saddr", 24, "dport", 40,
                "sport", 42, "startime", 44, "connid", 56);
        assertOffsets(LayoutFixtures.data(LayoutFixtures.endpointsV6(true)), 52, "daddr", 8, "saddr", 24, "dport", 40,
                "sport", 42, "seqnum", 44, "connid", 48);
        assertOffsets(LayoutFixtures.connect(LayoutFixtures.endpointsV6(false)), 68, "dport", 40, "sport", 42, "mss", 44,
                "connid", 64);
    }

    @Test
    void kernelNetworkPortsAreHostOrderAndMappedAddressesDotted() throws PayloadException {
        LayoutFixture connectV4 = fixture("Kernel-Network 12");
        byte[] raw = connectV4.payload().bytes();
        assertThat(new byte[] {raw[18], raw[19]}).as("sport 50123 on the wire").containsExactly(0xC3, 0xCB);
        assertThat(decode(connectV4)).containsEntry("sport", 50123L).containsEntry("dport", 443L);

        assertThat(decode(fixture("Kernel-Network 28"))).containsEntry("daddr", "203.0.113.7").containsEntry("saddr", "10.0.0.42");
        assertThat(decode(fixture("Kernel-Network 31"))).containsEntry("daddr", "2001:db8::1")
                .containsEntry("saddr", "fe80::1c2b:3a4d:5e6f:7a8b");
    }

    @Test
    void kernelProcessVersionsAddTheirFields() throws PayloadException {
        assertThat(decode(fixture("Kernel-Process 1 v0")).keySet())
                .containsExactly("ProcessID", "CreateTime", "ParentProcessID", "SessionID", "ImageName");
        assertThat(decode(fixture("Kernel-Process 1 v2")).keySet()).containsExactly("ProcessID", "CreateTime",
                "ParentProcessID", "SessionID", "Flags", "ImageName", "ImageChecksum", "TimeDateStamp", "PackageFullName",
                "PackageRelativeAppId");
        assertThat(decode(fixture("Kernel-Process 1 v5"))).containsEntry("ProcessSequenceNumber", 9981L)
                .containsEntry("ParentProcessSequenceNumber", 9012L).containsEntry("MandatoryLabel", "S-1-16-8192")
                .containsEntry("CreateTime", LayoutFixtures.CREATE_TIME_MICROS).containsEntry("ImageName", LayoutFixtures.IMAGE)
                .containsEntry("ProcessMachine", 0x8664L);
        for (int version = 0; version <= 3; version++) {
            assertThat(decode(fixture("Kernel-Process 15 v" + version))).as("rundown v" + version)
                    .isEqualTo(decode(fixture("Kernel-Process 1 v" + (version + 2))));
        }

        assertThat(decode(fixture("Kernel-Process 2 v1"))).doesNotContainKey("ProcessSequenceNumber")
                .containsEntry("CPUCycleCount", "9223372036854775809").containsEntry("ExitCode", 0xC000_0005L)
                .containsEntry("ImageName", "rundll32.exe");
        assertThat(decode(fixture("Kernel-Process 2 v2"))).containsEntry("ProcessSequenceNumber", 9981L)
                .containsEntry("ExitTime", LayoutFixtures.CREATE_TIME_MICROS + 4_500_000);
    }

    @Test
    void threadStartHasSubProcessTagFromVersionOneAndHonoursPointerSize() throws PayloadException {
        Map<String, Object> v0 = decode(fixture("Kernel-Process 3 v0"));
        Map<String, Object> v1 = decode(fixture("Kernel-Process 3 v1"));
        assertThat(v0).doesNotContainKey("SubProcessTag");
        assertThat(v1).containsAllEntriesOf(v0).containsEntry("SubProcessTag", 0x21L).hasSize(v0.size() + 1);
        assertThat(v1.get("StackBase")).as("kernel address").isEqualTo(Long.toUnsignedString(LayoutFixtures.KERNEL_ADDRESS));
        assertThat(v1.get("Win32StartAddr")).isEqualTo(LayoutFixtures.USER_ADDRESS + 0x3400);
        assertThat(fixture("Kernel-Process 3 v0").payload().size()).isEqualTo(8 + 7 * 8);

        Map<String, Object> x86 = decode(fixture("Kernel-Process 3 v0 (32-bit header)"));
        assertThat(x86).containsEntry("StackBase", 0x8A12_3000L).doesNotContainKey("SubProcessTag");
        assertThat(fixture("Kernel-Process 3 v0 (32-bit header)").payload().size()).isEqualTo(8 + 7 * 4);
        assertThat(fixture("Kernel-Process 3 v1 (32-bit header)").payload().size()).isEqualTo(8 + 7 * 4 + 4);
    }

    @Test
    void bytesAfterTheLastPropertyAreLeftUnread() throws PayloadException {
        PayloadFixture longer = LayoutFixtures.threadStart(1, false).unread(16);
        byte[] bytes = longer.bytes();

        assertThat(DECODERS.decode(EtwProvider.KERNEL_PROCESS.guid(), 3, 1, PayloadReader.of(bytes, 0, bytes.length, false)))
                .isEqualTo(decode(fixture("Kernel-Process 3 v1")));
    }

    @Test
    void dnsClientPidFromVersionOneAndStatusNames() throws PayloadException {
        assertThat(decode(fixture("DNS-Client 3018 v0"))).doesNotContainKey("ClientPID").containsEntry("Status", 9003L);
        assertThat(decode(fixture("DNS-Client 3020 v1"))).containsEntry("ClientPID", 7312L).doesNotContainKey("QueryBlob")
                .containsEntry("QueryResults", LayoutFixtures.DNS_RESULTS);
        assertThat(decode(fixture("DNS-Client 3009 v2")).keySet()).endsWith("ClientPID", "QueryBlob", "ParentBlob");
        assertThat(decode(fixture("DNS-Client 3011 v2")).keySet()).endsWith("ResponseStatus", "ClientPID", "SendBlob",
                "SendBlobContext");
        assertThat(decode(fixture("DNS-Client 3008 v0"))).containsEntry("QueryStatus", 0L).doesNotContainKey("Status")
                .containsEntry("QueryOptions", 0x4000_6000L);
    }

    static LayoutFixture fixture(String label) {
        return fixtures().stream().filter(f -> f.label().equals(label)).findFirst().orElseThrow();
    }

    private static Map<String, Object> decode(LayoutFixture fixture) throws PayloadException {
        EventKey key = fixture.key();
        return DECODERS.decode(key.provider(), key.id(), key.version(), fixture.reader());
    }

    private static void assertOffsets(PayloadFixture payload, int size, Object... nameOffsetPairs) {
        assertThat(payload.size()).isEqualTo(size);
        for (int i = 0; i < nameOffsetPairs.length; i += 2) {
            assertThat(payload.offset((String) nameOffsetPairs[i])).as((String) nameOffsetPairs[i])
                    .isEqualTo(nameOffsetPairs[i + 1]);
        }
    }
}
