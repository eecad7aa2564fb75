package io.etwcorr.collector.etw;

import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.testkit.etw.PayloadFixture;

import java.util.ArrayList;
import java.util.List;

/** A payload for every event id and version of etw-layouts.md, with realistic values. */
final class LayoutFixtures {
    static final int[] NETWORK_SEND = {10};
    static final int[] NETWORK_SEND6 = {26};
    static final int[] NETWORK_DATA = {11, 13, 14, 16, 18, 42, 43};
    static final int[] NETWORK_DATA6 = {27, 29, 30, 32, 34, 58, 59};
    static final int[] NETWORK_CONNECT = {12, 15};
    static final int[] NETWORK_CONNECT6 = {28, 31};
    static final int[] NETWORK_FAILURE = {17, 49};

    static final String IMAGE = "\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe";
    static final long CREATE_TIME_MICROS = 1_795_633_627_120_001L;
    /** A kernel-mode address, above 2^63−1 as unsigned. */
    static final long KERNEL_ADDRESS = 0xFFFF_F806_1234_5678L;
    static final long USER_ADDRESS = 0x0000_7FF6_A1B2_C3D0L;
    static final String DNS_RESULTS = "type:  5 edge.example-dns.com;::ffff:162.125.81.15;198.51.44.6;2620:4d:4000::1;";
    /** 2001:db8::1 as wire bytes. */
    static final byte[] IPV6_REMOTE = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    /** fe80::1c2b:3a4d:5e6f:7a8b. */
    static final byte[] IPV6_LOCAL = {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0x1c, 0x2b, 0x3a, 0x4d, 0x5e, 0x6f, 0x7a, (byte) 0x8b};
    /** ::ffff:203.0.113.7, a dual-stack socket talking IPv4. */
    static final byte[] IPV4_MAPPED_REMOTE = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 203, 0, 113, 7};
    /** ::ffff:10.0.0.42. */
    static final byte[] IPV4_MAPPED_LOCAL = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 42};

    private LayoutFixtures() {
    }

    static List<LayoutFixture> all() {
        List<LayoutFixture> all = new ArrayList<>();
        all.addAll(kernelNetwork());
        all.addAll(kernelProcess());
        all.addAll(dnsClient());
        return all;
    }

    static List<LayoutFixture> kernelNetwork() {
        List<LayoutFixture> fixtures = new ArrayList<>();
        for (int id : NETWORK_SEND) {
            fixtures.add(network(id, send(endpointsV4())));
        }
        for (int id : NETWORK_SEND6) {
            fixtures.add(network(id, send(endpointsV6(false))));
        }
        for (int id : NETWORK_DATA) {
            fixtures.add(network(id, data(endpointsV4())));
        }
        for (int i = 0; i < NETWORK_DATA6.length; i++) {
            fixtures.add(network(NETWORK_DATA6[i], data(endpointsV6(i % 2 == 1))));
        }
        for (int id : NETWORK_CONNECT) {
            fixtures.add(network(id, connect(endpointsV4())));
        }
        fixtures.add(network(NETWORK_CONNECT6[0], connect(endpointsV6(true))));
        fixtures.add(network(NETWORK_CONNECT6[1], connect(endpointsV6(false))));
        for (int id : NETWORK_FAILURE) {
            fixtures.add(network(id, new PayloadFixture().u16("Proto", 6).u16("FailureCode", 0x2740)));
        }
        return fixtures;
    }

    static PayloadFixture endpointsV4() {
        return new PayloadFixture().u32("PID", 7312).u32("size", 517)
                .address("daddr", "203.0.113.7", "203.0.113.7").address("saddr", "10.0.0.42", "10.0.0.42")
                .port("dport", 443).port("sport", 50123);
    }

    static PayloadFixture endpointsV6(boolean ipv4Mapped) {
        PayloadFixture fixture = new PayloadFixture().u32("PID", 7312).u32("size", 1220);
        if (ipv4Mapped) {
            fixture.ipv6("daddr", IPV4_MAPPED_REMOTE, "203.0.113.7").ipv6("saddr", IPV4_MAPPED_LOCAL, "10.0.0.42");
        } else {
            fixture.ipv6("daddr", IPV6_REMOTE, "2001:db8::1").ipv6("saddr", IPV6_LOCAL, "fe80::1c2b:3a4d:5e6f:7a8b");
        }
        return fixture.port("dport", 8443).port("sport", 61234);
    }

    static PayloadFixture send(PayloadFixture endpoints) {
        return endpoints.u32("startime", 1_000_250).u32("endtime", 1_000_260).u32("seqnum", 1).u32("connid", 0xFFFF_F001L);
    }

    static PayloadFixture data(PayloadFixture endpoints) {
        return endpoints.u32("seqnum", 0x8000_0000L).u32("connid", 4096);
    }

    static PayloadFixture connect(PayloadFixture endpoints) {
        return endpoints.u16("mss", 1460).u16("sackopt", 1).u16("tsopt", 0).u16("wsopt", 1).u32("rcvwin", 65535)
                .u16("rcvwinscale", 8).u16("sndwinscale", 8).u32("seqnum", 0).u32("connid", 4096);
    }

    static List<LayoutFixture> kernelProcess() {
        List<LayoutFixture> fixtures = new ArrayList<>();
        for (int version = 0; version <= 5; version++) {
            fixtures.add(process(1, version, processStart(version)));
        }
        for (int version = 0; version <= 2; version++) {
            fixtures.add(process(2, version, processStop(version)));
        }
        fixtures.add(process(3, 0, threadStart(0, false)));
        fixtures.add(process(3, 1, threadStart(1, false)));
        fixtures.add(new LayoutFixture("Kernel-Process 3 v0 (32-bit header)", key(EtwProvider.KERNEL_PROCESS, 3, 0),
                threadStart(0, true)));
        fixtures.add(new LayoutFixture("Kernel-Process 3 v1 (32-bit header)", key(EtwProvider.KERNEL_PROCESS, 3, 1),
                threadStart(1, true)));
        // ProcessRundown v0..v3 carry the properties of ProcessStart v2..v5.
        for (int version = 0; version <= 3; version++) {
            fixtures.add(process(15, version, processStart(version + 2)));
        }
        return fixtures;
    }

    static PayloadFixture processStart(int version) {
        PayloadFixture fixture = new PayloadFixture().u32("ProcessID", 7312);
        if (version >= 3) {
            fixture.u64("ProcessSequenceNumber", 9981);
        }
        fixture.filetime("CreateTime", CREATE_TIME_MICROS).u32("ParentProcessID", 5120);
        if (version >= 3) {
            fixture.u64("ParentProcessSequenceNumber", 9012);
        }
        fixture.u32("SessionID", 1);
        if (version >= 1) {
            fixture.u32("Flags", 0);
        }
        if (version >= 3) {
            fixture.u32("ProcessTokenElevationType", 3).u32("ProcessTokenIsElevated", 0)
                    .sid("MandatoryLabel", "S-1-16-8192");
        }
        fixture.unicode("ImageName", IMAGE);
        if (version >= 2) {
            fixture.u32("ImageChecksum", 0x0001_2f3aL).u32("TimeDateStamp", 0xC3A1_7B22L)
                    .unicode("PackageFullName", "").unicode("PackageRelativeAppId", "");
        }
        if (version >= 4) {
            fixture.u32("SecurityMitigations", 0x11);
        }
        if (version >= 5) {
            fixture.u32("PartitionID", 0).u16("ProcessMachine", 0x8664);
        }
        return fixture;
    }

    static PayloadFixture processStop(int version) {
        PayloadFixture fixture = new PayloadFixture().u32("ProcessID", 7312);
        if (version >= 2) {
            fixture.u64("ProcessSequenceNumber", 9981);
        }
        fixture.filetime("CreateTime", CREATE_TIME_MICROS).filetime("ExitTime", CREATE_TIME_MICROS + 4_500_000)
                .u32("ExitCode", 0xC000_0005L).u32("TokenElevationType", 1).u32("HandleCount", 212)
                .u64("CommitCharge", 3_375_104).u64("CommitPeak", 4_014_080);
        if (version >= 1) {
            fixture.u64("CPUCycleCount", 0x8000_0000_0000_0001L).u32("ReadOperationCount", 17)
                    .u32("WriteOperationCount", 3).u32("ReadTransferKiloBytes", 120).u32("WriteTransferKiloBytes", 4)
                    .u32("HardFaultCount", 9);
        }
        return fixture.ansi("ImageName", "rundll32.exe");
    }

    static PayloadFixture threadStart(int version, boolean pointers32Bit) {
        long kernel = pointers32Bit ? 0x8A12_3000L : KERNEL_ADDRESS;
        long user = pointers32Bit ? 0x7FFD_E000L : USER_ADDRESS;
        PayloadFixture fixture = new PayloadFixture(pointers32Bit).u32("ProcessID", 7312).u32("ThreadID", 7400)
                .pointer("StackBase", kernel).pointer("StackLimit", kernel - 0x6000)
                .pointer("UserStackBase", user).pointer("UserStackLimit", user - 0x10_0000)
                .pointer("StartAddr", user + 0x1200).pointer("Win32StartAddr", user + 0x3400)
                .pointer("TebBase", user - 0x20_0000);
        return version >= 1 ? fixture.u32("SubProcessTag", 0x21) : fixture;
    }

    static List<LayoutFixture> dnsClient() {
        List<LayoutFixture> fixtures = new ArrayList<>();
        fixtures.add(dns(3006, 0, nameTypeOptions().unicode("ServerList", "10.0.0.1;").u32("IsNetworkQuery", 0)
                .u32("NetworkQueryIndex", 0).u32("InterfaceIndex", 0).u32("IsAsyncQuery", 0)));
        fixtures.add(dns(3008, 0, nameTypeOptions().u32("QueryStatus", 0).unicode("QueryResults", DNS_RESULTS)));
        for (int version = 0; version <= 2; version++) {
            PayloadFixture fixture = new PayloadFixture().unicode("QueryName", "cdn.evil.example")
                    .u32("IsParallelNetworkQuery", 0).u32("NetworkIndex", 0).u32("InterfaceCount", 1)
                    .unicode("AdapterName", "{4F3C6A0B-1D2E-4F50-8A9B-0C1D2E3F4A5B}").unicode("LocalAddress", "10.0.0.42")
                    .unicode("DNSServerAddress", "10.0.0.1");
            fixtures.add(dns(3009, version, cacheServiceTail(fixture, version, "QueryBlob", "ParentBlob")));
        }
        for (int version = 0; version <= 1; version++) {
            fixtures.add(dns(3010, version, cacheServiceTail(nameType().unicode("DnsServerIpAddress", "10.0.0.1"), version)));
        }
        for (int version = 0; version <= 2; version++) {
            PayloadFixture fixture = nameType().unicode("DnsServerIpAddress", "10.0.0.1").u32("ResponseStatus", 0);
            fixtures.add(dns(3011, version, cacheServiceTail(fixture, version, "SendBlob", "SendBlobContext")));
        }
        for (int version = 0; version <= 2; version++) {
            fixtures.add(dns(3016, version, cacheServiceTail(nameTypeOptions().u32("InterfaceIndex", 0), version, "QueryBlob")));
            fixtures.add(dns(3018, version, cacheServiceTail(
                    nameTypeOptions().u32("Status", 9003).unicode("QueryResults", ""), version, "QueryBlob")));
            fixtures.add(dns(3019, version, cacheServiceTail(
                    nameType().u32("InterfaceIndex", 12).u32("NetworkIndex", 1), version, "QueryBlob")));
            fixtures.add(dns(3020, version, cacheServiceTail(nameType().u32("NetworkIndex", 1).u32("InterfaceIndex", 12)
                    .u32("Status", 0).unicode("QueryResults", DNS_RESULTS), version, "QueryBlob")));
        }
        return fixtures;
    }

    static PayloadFixture nameType() {
        return new PayloadFixture().unicode("QueryName", "cdn.evil.example").u32("QueryType", 28);
    }

    static PayloadFixture nameTypeOptions() {
        return nameType().u64("QueryOptions", 0x0000_0000_4000_6000L);
    }

    static PayloadFixture cacheServiceTail(PayloadFixture fixture, int version, String... blobs) {
        if (version >= 1) {
            fixture.u32("ClientPID", 7312);
        }
        if (version >= 2) {
            for (String blob : blobs) {
                fixture.pointer(blob, 0x0000_01F2_3A4B_5C60L);
            }
        }
        return fixture;
    }

    static EventKey key(EtwProvider provider, int id, int version) {
        return new EventKey(provider.guid(), id, version);
    }

    private static LayoutFixture network(int id, PayloadFixture payload) {
        return new LayoutFixture("Kernel-Network " + id, key(EtwProvider.KERNEL_NETWORK, id, 0), payload);
    }

    private static LayoutFixture process(int id, int version, PayloadFixture payload) {
        return new LayoutFixture("Kernel-Process " + id + " v" + version, key(EtwProvider.KERNEL_PROCESS, id, version), payload);
    }

    private static LayoutFixture dns(int id, int version, PayloadFixture payload) {
        return new LayoutFixture("DNS-Client " + id + " v" + version, key(EtwProvider.DNS_CLIENT, id, version), payload);
    }
}
