package io.etwcorr.jobs.normalize.sysmon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etwcorr.jobs.model.EtwEvent;
import io.etwcorr.jobs.model.EventKind;
import io.etwcorr.schemas.raw.RawEventException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Hand-written Sysmon records, every event type the job uses, in every shape: Winlogbeat 8.x
 * ({@code winlog.event_data} as logged, ids as strings), Winlogbeat 7.x with its Sysmon module
 * (ECS fields), the event log's XML, evtx_dump JSON and a flat export.
 */
class SysmonNormalizerTest {
    private static final String HOST = "WS-0042";
    private static final String GUID = "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}";
    private static final String PARENT_GUID = "{5770385f-c22a-43e0-bf4c-06f5698f0001}";
    private static final String ENTITY = "WS-0042:g5770385f-c22a-43e0-bf4c-06f5698ffbd9";
    private static final String PARENT_ENTITY = "WS-0042:g5770385f-c22a-43e0-bf4c-06f5698f0001";
    private static final String IMAGE = "C:\\\\Windows\\\\System32\\\\rundll32.exe";
    /** 2026-11-25 19:31:07.123 UTC in µs. */
    private static final long TS = 1_795_635_067_123_000L;

    private final SysmonNormalizer normalizer = new SysmonNormalizer();

    private EtwEvent normalize(String record) throws Exception {
        return normalizer.normalize(record.getBytes(StandardCharsets.UTF_8));
    }

    /** A Winlogbeat 8.x document: event data as Sysmon logged it, event and record ids as strings. */
    private static String winlogbeat8(int eventId, long recordId, String eventData) {
        return """
                {"@timestamp":"2026-11-25T19:31:07.200Z","event":{"code":"%d","kind":"event","provider":"Microsoft-Windows-Sysmon"},\
                "winlog":{"channel":"Microsoft-Windows-Sysmon/Operational","event_id":"%d","record_id":"%d",\
                "provider_name":"Microsoft-Windows-Sysmon","provider_guid":"{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",\
                "computer_name":"WS-0042","api":"wineventlog","process":{"pid":3216,"thread":{"id":4012}},\
                "event_data":{%s}},"host":{"name":"ws-0042"},"agent":{"type":"winlogbeat","version":"8.15.0"}}"""
                .formatted(eventId, eventId, recordId, eventData).replace("\n", "");
    }

    @Test
    void processCreateIsAProcessWithItsGuidAsIdentityAndItsParentsGuidAsLineage() throws Exception {
        EtwEvent event = normalize(winlogbeat8(1, 7001, """
                "RuleName":"-","UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"%s","ProcessId":"7312",\
                "Image":"%s","CommandLine":"rundll32.exe x.dll,Start","User":"CORP\\\\alice",\
                "ParentProcessGuid":"%s","ParentProcessId":"5120","ParentImage":"C:\\\\p.exe"\
                """.formatted(GUID, IMAGE, PARENT_GUID)));

        // Taken like a rundown process: Sysmon reports no initial threads (see SysmonNormalizer).
        assertThat(event.kind).isEqualTo(EventKind.PROCESS_RUNDOWN);
        assertThat(event.host).isEqualTo(HOST);
        assertThat(event.run).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.seq).isEqualTo(7001);
        assertThat(event.ts).isEqualTo(TS);
        assertThat(event.pid).isEqualTo(7312);
        assertThat(event.entityId).isEqualTo(ENTITY);
        assertThat(event.parentEntityId).isEqualTo(PARENT_ENTITY);
        assertThat(event.parentPid).isEqualTo(5120);
        assertThat(event.createTime).isEqualTo(TS);
        assertThat(event.executable).isEqualTo("C:\\Windows\\System32\\rundll32.exe");
        assertThat(event.processName()).isEqualTo("rundll32.exe");
        assertThat(event.commandLine).isEqualTo("rundll32.exe x.dll,Start");
        assertThat(event.user).isEqualTo("CORP\\alice");
    }

    @Test
    void processTerminatedStopsTheSameEntity() throws Exception {
        EtwEvent event = normalize(winlogbeat8(5, 7002, """
                "UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"%s","ProcessId":"7312","Image":"%s"\
                """.formatted(GUID, IMAGE)));

        assertThat(event.kind).isEqualTo(EventKind.PROCESS_STOP);
        assertThat(event.entityId).isEqualTo(ENTITY);
        assertThat(event.exitTime).isEqualTo(TS);
    }

    @Test
    void anOutboundTcpConnectionIsAConnectWithoutSize() throws Exception {
        EtwEvent event = normalize(winlogbeat8(3, 7003, """
                "UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"%s","ProcessId":"7312","Image":"%s",\
                "Protocol":"tcp","Initiated":"true","SourceIsIpv6":"false","SourceIp":"10.0.0.42",\
                "SourceHostname":"-","SourcePort":"50123","DestinationIsIpv6":"false",\
                "DestinationIp":"203.0.113.7","DestinationHostname":"-","DestinationPort":"443"\
                """.formatted(GUID, IMAGE)));

        assertThat(event.kind).isEqualTo(EventKind.TCP_CONNECT);
        assertThat(event.pid).isEqualTo(7312);
        // Named by the event itself, for processes whose creation is older than the input.
        assertThat(event.entityId).isEqualTo(ENTITY);
        assertThat(event.processName()).isEqualTo("rundll32.exe");
        assertThat(event.localIp).isEqualTo("10.0.0.42");
        assertThat(event.localPort).isEqualTo(50123);
        assertThat(event.remoteIp).isEqualTo("203.0.113.7");
        assertThat(event.remotePort).isEqualTo(443);
        assertThat(event.size).isZero();
        assertThat(event.connId).isEqualTo(-1);
    }

    @Test
    void anInboundConnectionHasItsInitiatorAsTheRemoteEnd() throws Exception {
        EtwEvent event = normalize(winlogbeat8(3, 7004, """
                "UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"%s","ProcessId":"4","Protocol":"tcp",\
                "Initiated":"false","SourceIp":"10.0.0.9","SourcePort":"51000",\
                "DestinationIp":"10.0.0.42","DestinationPort":"445"\
                """.formatted(GUID)));

        assertThat(event.kind).isEqualTo(EventKind.TCP_ACCEPT);
        assertThat(event.localIp).isEqualTo("10.0.0.42");
        assertThat(event.localPort).isEqualTo(445);
        assertThat(event.remoteIp).isEqualTo("10.0.0.9");
        assertThat(event.remotePort).isEqualTo(51000);
    }

    @Test
    void udpIsASendWhenInitiatedAndIpv6IsCanonical() throws Exception {
        EtwEvent event = normalize(winlogbeat8(3, 7005, """
                "UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"%s","ProcessId":"7312","Protocol":"udp",\
                "Initiated":"true","SourceIp":"2001:DB8:0:0:0:0:0:42","SourcePort":"55000",\
                "DestinationIp":"2001:db8::53","DestinationPort":"123"\
                """.formatted(GUID)));

        assertThat(event.kind).isEqualTo(EventKind.UDP_SEND);
        assertThat(event.localIp).isEqualTo("2001:db8::42");
    }

    @Test
    void aDnsQueryIsAnAnswerWithItsAddressesAndCnames() throws Exception {
        EtwEvent event = normalize(winlogbeat8(22, 7006, """
                "UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"%s","ProcessId":"7312",\
                "QueryName":"CDN.Evil.Example.","QueryStatus":"0",\
                "QueryResults":"type:  5 edge.evil.example;::ffff:203.0.113.7;198.51.100.2;","Image":"%s"\
                """.formatted(GUID, IMAGE)));

        assertThat(event.kind).isEqualTo(EventKind.DNS_ANSWER);
        assertThat(event.pid).isEqualTo(7312);
        assertThat(event.entityId).isEqualTo(ENTITY);
        assertThat(event.queryName).isEqualTo("cdn.evil.example");
        assertThat(event.status).isZero();
        assertThat(event.addresses).containsExactly("203.0.113.7", "198.51.100.2");
        assertThat(event.cnames).containsExactly("edge.evil.example");
    }

    @Test
    void aFailedQueryHasNoAddresses() throws Exception {
        EtwEvent event = normalize(winlogbeat8(22, 7007, """
                "UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"%s","ProcessId":"7312",\
                "QueryName":"x1.dga.example","QueryStatus":"9003","QueryResults":"-"\
                """.formatted(GUID)));

        assertThat(event.status).isEqualTo(9003);
        assertThat(event.addresses).isEmpty();
    }

    @Test
    void createRemoteThreadIsAThreadOfTheTargetStartedByTheSource() throws Exception {
        EtwEvent event = normalize(winlogbeat8(8, 7008, """
                "UtcTime":"2026-11-25 19:31:07.123","SourceProcessGuid":"%s","SourceProcessId":"5120",\
                "SourceImage":"C:\\\\ps.exe","TargetProcessGuid":"%s","TargetProcessId":"7312",\
                "TargetImage":"%s","NewThreadId":"8800","StartAddress":"0x00007FF6A1B20000",\
                "StartModule":"-","StartFunction":"-"\
                """.formatted(PARENT_GUID, GUID, IMAGE)));

        assertThat(event.kind).isEqualTo(EventKind.THREAD_START);
        assertThat(event.pid).isEqualTo(7312);
        assertThat(event.creatorPid).isEqualTo(5120);
        assertThat(event.threadId).isEqualTo(8800);
    }

    @Test
    void processAccessAndOtherEventsArePassedOverWithTheirEnvelope() throws Exception {
        EtwEvent event = normalize(winlogbeat8(10, 7009, """
                "UtcTime":"2026-11-25 19:31:07.123","SourceProcessGUID":"%s","SourceProcessId":"5120",\
                "TargetProcessGUID":"%s","TargetProcessId":"7312","GrantedAccess":"0x1fffff"\
                """.formatted(PARENT_GUID, GUID)));

        assertThat(event.kind).isEqualTo(EventKind.PASSED_OVER);
        assertThat(event.host).isEqualTo(HOST);
        assertThat(event.seq).isEqualTo(7009);
    }

    @Test
    void otherChannelsArePassedOverUnderTheirOwnSequence() throws Exception {
        EtwEvent event = normalize("""
                {"@timestamp":"2026-11-25T19:31:07.123Z","winlog":{"channel":"Security","event_id":4624,\
                "record_id":99,"provider_name":"Microsoft-Windows-Security-Auditing","computer_name":"WS-0042",\
                "event_data":{"TargetUserName":"alice"}}}""");

        assertThat(event.kind).isEqualTo(EventKind.PASSED_OVER);
        assertThat(event.run).isEqualTo("Security");
        assertThat(event.ts).isEqualTo(TS);
    }

    @Test
    void processCreateIsReadBackFromEcsFields() throws Exception {
        EtwEvent event = normalize("""
                {"@timestamp":"2026-11-25T19:31:07.123Z","event":{"code":1,"category":["process"],"type":["start"]},\
                "winlog":{"channel":"Microsoft-Windows-Sysmon/Operational","event_id":1,"record_id":7001,\
                "provider_name":"Microsoft-Windows-Sysmon","computer_name":"WS-0042","event_data":{"LogonId":"0x3e7"}},\
                "process":{"entity_id":"%s","pid":7312,"executable":"%s","command_line":"rundll32.exe x.dll,Start",\
                "name":"rundll32.exe","parent":{"entity_id":"%s","pid":5120,"executable":"C:\\\\p.exe"}},\
                "user":{"domain":"CORP","name":"alice"}}""".formatted(GUID, IMAGE, PARENT_GUID));

        assertThat(event.kind).isEqualTo(EventKind.PROCESS_RUNDOWN);
        assertThat(event.seq).isEqualTo(7001);
        assertThat(event.ts).isEqualTo(TS);
        assertThat(event.entityId).isEqualTo(ENTITY);
        assertThat(event.parentEntityId).isEqualTo(PARENT_ENTITY);
        assertThat(event.parentPid).isEqualTo(5120);
        assertThat(event.commandLine).isEqualTo("rundll32.exe x.dll,Start");
        assertThat(event.user).isEqualTo("CORP\\alice");
    }

    @Test
    void networkConnectionIsReadBackFromEcsFields() throws Exception {
        EtwEvent event = normalize("""
                {"@timestamp":"2026-11-25T19:31:07.123Z","winlog":{"channel":"Microsoft-Windows-Sysmon/Operational",\
                "event_id":3,"record_id":7003,"provider_name":"Microsoft-Windows-Sysmon","computer_name":"WS-0042",\
                "event_data":{"SourcePortName":"-"}},"process":{"entity_id":"%s","pid":7312},\
                "network":{"transport":"tcp","direction":"egress","type":"ipv4"},\
                "source":{"ip":"10.0.0.42","port":50123},"destination":{"ip":"203.0.113.7","port":443}}\
                """.formatted(GUID));

        assertThat(event.kind).isEqualTo(EventKind.TCP_CONNECT);
        assertThat(event.remoteIp).isEqualTo("203.0.113.7");
        assertThat(event.remotePort).isEqualTo(443);
        assertThat(event.localPort).isEqualTo(50123);
    }

    @Test
    void dnsQueryIsReadBackFromEcsFieldsWithATranslatedStatus() throws Exception {
        EtwEvent event = normalize("""
                {"@timestamp":"2026-11-25T19:31:07.123Z","winlog":{"channel":"Microsoft-Windows-Sysmon/Operational",\
                "event_id":22,"record_id":7006,"provider_name":"Microsoft-Windows-Sysmon","computer_name":"WS-0042"},\
                "process":{"entity_id":"%s","pid":7312},"dns":{"question":{"name":"cdn.evil.example"},\
                "answers":[{"type":"CNAME","data":"edge.evil.example"},{"type":"A","data":"203.0.113.7"}],\
                "resolved_ip":["203.0.113.7"]},"sysmon":{"dns":{"status":"SUCCESS"}}}""".formatted(GUID));

        assertThat(event.kind).isEqualTo(EventKind.DNS_ANSWER);
        assertThat(event.status).isZero();
        assertThat(event.addresses).containsExactly("203.0.113.7");
        assertThat(event.cnames).containsExactly("edge.evil.example");
    }

    @Test
    void createRemoteThreadNamesItsSourceInProcessFields() throws Exception {
        EtwEvent event = normalize("""
                {"@timestamp":"2026-11-25T19:31:07.123Z","winlog":{"channel":"Microsoft-Windows-Sysmon/Operational",\
                "event_id":8,"record_id":7008,"provider_name":"Microsoft-Windows-Sysmon","computer_name":"WS-0042",\
                "event_data":{"TargetProcessGuid":"%s","TargetProcessId":"7312","NewThreadId":"8800"}},\
                "process":{"entity_id":"%s","pid":5120,"executable":"C:\\\\ps.exe"}}""".formatted(GUID, PARENT_GUID));

        assertThat(event.kind).isEqualTo(EventKind.THREAD_START);
        assertThat(event.pid).isEqualTo(7312);
        assertThat(event.creatorPid).isEqualTo(5120);
    }

    @Test
    void processTerminatedIsReadBackFromEcsFields() throws Exception {
        EtwEvent event = normalize("""
                {"@timestamp":"2026-11-25T19:31:07.123Z","winlog":{"channel":"Microsoft-Windows-Sysmon/Operational",\
                "event_id":5,"record_id":7002,"provider_name":"Microsoft-Windows-Sysmon","computer_name":"WS-0042"},\
                "process":{"entity_id":"%s","pid":7312,"executable":"%s"}}""".formatted(GUID, IMAGE));

        assertThat(event.kind).isEqualTo(EventKind.PROCESS_STOP);
        assertThat(event.entityId).isEqualTo(ENTITY);
        assertThat(event.exitTime).isEqualTo(TS);
    }

    private static final String XML = """
            <Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>\
            <Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/>\
            <EventID>%d</EventID><Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode>\
            <Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='2026-11-25T19:31:07.1234567Z'/>\
            <EventRecordID>%d</EventRecordID><Correlation/><Execution ProcessID='3216' ThreadID='4012'/>\
            <Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>WS-0042</Computer>\
            <Security UserID='S-1-5-18'/></System><EventData>%s</EventData></Event>""";

    private static String xml(int eventId, long recordId, String data) {
        return XML.formatted(eventId, recordId, data);
    }

    @Test
    void processCreate() throws Exception {
        EtwEvent event = normalize(xml(1, 7001, """
                <Data Name='RuleName'>-</Data><Data Name='UtcTime'>2026-11-25 19:31:07.123</Data>\
                <Data Name='ProcessGuid'>%s</Data><Data Name='ProcessId'>7312</Data>\
                <Data Name='Image'>C:\\Windows\\System32\\rundll32.exe</Data>\
                <Data Name='CommandLine'>rundll32.exe "a &amp; b.dll",Start</Data>\
                <Data Name='ParentProcessGuid'>%s</Data><Data Name='ParentProcessId'>5120</Data>\
                """.formatted(GUID, PARENT_GUID)));

        assertThat(event.kind).isEqualTo(EventKind.PROCESS_RUNDOWN);
        assertThat(event.seq).isEqualTo(7001);
        assertThat(event.ts).isEqualTo(TS);
        assertThat(event.entityId).isEqualTo(ENTITY);
        assertThat(event.parentEntityId).isEqualTo(PARENT_ENTITY);
        assertThat(event.commandLine).isEqualTo("rundll32.exe \"a & b.dll\",Start");
    }

    @Test
    void networkConnectionDnsQueryRemoteThreadAndTermination() throws Exception {
        EtwEvent connect = normalize(xml(3, 7003, """
                <Data Name='UtcTime'>2026-11-25 19:31:07.123</Data><Data Name='ProcessGuid'>%s</Data>\
                <Data Name='ProcessId'>7312</Data><Data Name='Protocol'>tcp</Data><Data Name='Initiated'>true</Data>\
                <Data Name='SourceIp'>10.0.0.42</Data><Data Name='SourcePort'>50123</Data>\
                <Data Name='DestinationIp'>203.0.113.7</Data><Data Name='DestinationPort'>443</Data>\
                """.formatted(GUID)));
        EtwEvent dns = normalize(xml(22, 7006, """
                <Data Name='UtcTime'>2026-11-25 19:31:07.123</Data><Data Name='ProcessGuid'>%s</Data>\
                <Data Name='ProcessId'>7312</Data><Data Name='QueryName'>cdn.evil.example</Data>\
                <Data Name='QueryStatus'>0</Data><Data Name='QueryResults'>::ffff:203.0.113.7;</Data>\
                """.formatted(GUID)));
        EtwEvent thread = normalize(xml(8, 7008, """
                <Data Name='SourceProcessGuid'>%s</Data><Data Name='SourceProcessId'>5120</Data>\
                <Data Name='TargetProcessGuid'>%s</Data><Data Name='TargetProcessId'>7312</Data>\
                """.formatted(PARENT_GUID, GUID)));
        EtwEvent stop = normalize(xml(5, 7009, """
                <Data Name='UtcTime'>2026-11-25 19:31:07.123</Data><Data Name='ProcessGuid'>%s</Data>\
                <Data Name='ProcessId'>7312</Data>""".formatted(GUID)));

        assertThat(connect.kind).isEqualTo(EventKind.TCP_CONNECT);
        assertThat(connect.remoteIp).isEqualTo("203.0.113.7");
        assertThat(dns.kind).isEqualTo(EventKind.DNS_ANSWER);
        assertThat(dns.addresses).containsExactly("203.0.113.7");
        assertThat(thread.kind).isEqualTo(EventKind.THREAD_START);
        assertThat(thread.creatorPid).isEqualTo(5120);
        // Without UtcTime the event's own TimeCreated counts, at its full precision (µs here).
        assertThat(thread.ts).isEqualTo(TS + 456);
        assertThat(stop.kind).isEqualTo(EventKind.PROCESS_STOP);
    }

    @Test
    void aDoctypeIsRefused() {
        String withDoctype = "<?xml version='1.0'?><!DOCTYPE e [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + xml(1, 1, "<Data Name='Image'>&x;</Data>");

        assertThatThrownBy(() -> normalize(withDoctype)).isInstanceOf(RawEventException.class)
                .hasMessageContaining("not an event-log XML <Event>");
    }

    @Test
    void evtxDumpJson() throws Exception {
        EtwEvent event = normalize("""
                {"Event":{"#attributes":{"xmlns":"http://schemas.microsoft.com/win/2004/08/events/event"},\
                "System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-Sysmon"}},"EventID":22,\
                "TimeCreated":{"#attributes":{"SystemTime":"2026-11-25T19:31:07.123456Z"}},"EventRecordID":7006,\
                "Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"WS-0042"},\
                "EventData":{"ProcessGuid":"%s","ProcessId":7312,"QueryName":"cdn.evil.example",\
                "QueryStatus":"0","QueryResults":"203.0.113.7;"}}}""".formatted(GUID));

        assertThat(event.kind).isEqualTo(EventKind.DNS_ANSWER);
        assertThat(event.seq).isEqualTo(7006);
        assertThat(event.ts).isEqualTo(TS + 456);
        assertThat(event.addresses).containsExactly("203.0.113.7");
    }

    @Test
    void flatExportWithTheEventDataBesideTheEnvelope() throws Exception {
        EtwEvent event = normalize("""
                {"EventID":3,"Hostname":"WS-0042","SourceName":"Microsoft-Windows-Sysmon",\
                "Channel":"Microsoft-Windows-Sysmon/Operational","RecordNumber":7003,\
                "EventTime":"2026-11-25 19:31:07","UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"%s",\
                "ProcessId":"7312","Protocol":"tcp","Initiated":"true","SourceIp":"10.0.0.42","SourcePort":"50123",\
                "DestinationIp":"203.0.113.7","DestinationPort":"443"}""".formatted(GUID));

        assertThat(event.kind).isEqualTo(EventKind.TCP_CONNECT);
        assertThat(event.seq).isEqualTo(7003);
        assertThat(event.ts).isEqualTo(TS);
    }

    @Test
    void powerShellDatesAreMilliseconds() throws Exception {
        EtwEvent event = normalize("""
                {"Id":5,"MachineName":"WS-0042","ProviderName":"Microsoft-Windows-Sysmon","RecordId":7002,\
                "TimeCreated":"/Date(1795635067123)/","EventData":{"ProcessGuid":"%s","ProcessId":"7312"}}\
                """.formatted(GUID));

        assertThat(event.kind).isEqualTo(EventKind.PROCESS_STOP);
        assertThat(event.ts).isEqualTo(TS);
    }

    @Test
    void aRecordWithoutRecordIdHasNoSequenceNumberAndABadOneIsRejected() throws Exception {
        String withoutRecordId = """
                {"@timestamp":"2026-11-25T19:31:07.123Z","winlog":{"channel":"Microsoft-Windows-Sysmon/Operational",\
                "event_id":4,"provider_name":"Microsoft-Windows-Sysmon","computer_name":"WS-0042"}}""";

        assertThat(normalize(withoutRecordId).seq).isEqualTo(-1);
        assertThatThrownBy(() -> normalize(withoutRecordId.replace("\"event_id\"", "\"record_id\":\"x1\",\"event_id\"")))
                .isInstanceOf(RawEventException.class).hasMessage("event record id must be a non-negative integer, got 'x1'");
    }

    @Test
    void aHostNameOutsideTheContractIsRejected() {
        assertThatThrownBy(() -> normalize(winlogbeat8(1, 1, "").replace("\"WS-0042\"", "\"WS 0042\"")))
                .isInstanceOf(RawEventException.class).hasMessageContaining("computer name");
    }

    @Test
    void notJsonIsInvalidJson() {
        assertThatThrownBy(() -> normalize("{\"winlog\":"))
                .isInstanceOfSatisfying(RawEventException.class,
                        e -> assertThat(e.kind()).isEqualTo(RawEventException.Kind.INVALID_JSON));
    }

    @Test
    void badEventDataKeepsTheEnvelopeAsAnInvalidMarker() {
        assertThatThrownBy(() -> normalize(winlogbeat8(3, 7003, """
                "UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"%s","ProcessId":"7312","Protocol":"tcp",\
                "Initiated":"true","SourceIp":"10.0.0.999","SourcePort":"1","DestinationIp":"1.2.3.4",\
                "DestinationPort":"443\"""".formatted(GUID))))
                .isInstanceOfSatisfying(SysmonNormalizer.InvalidEventData.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Sysmon event 3 SourceIp is not an IP address: '10.0.0.999'");
                    assertThat(e.invalid().kind).isEqualTo(EventKind.INVALID);
                    assertThat(e.invalid().host).isEqualTo(HOST);
                    assertThat(e.invalid().seq).isEqualTo(7003);
                });
    }

    @Test
    void aProcessGuidThatIsNoGuidIsNamed() {
        assertThatThrownBy(() -> normalize(winlogbeat8(5, 7002, """
                "UtcTime":"2026-11-25 19:31:07.123","ProcessGuid":"not-a-guid","ProcessId":"7312"\
                """)))
                .isInstanceOf(SysmonNormalizer.InvalidEventData.class)
                .hasMessage("Sysmon event 5 ProcessGuid must be a GUID, got 'not-a-guid'");
    }
}
