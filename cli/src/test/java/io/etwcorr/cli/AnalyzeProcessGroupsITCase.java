package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.jobs.config.ConfigLoader;
import io.etwcorr.schemas.SchemaId;
import io.etwcorr.schemas.SchemaValidator;
import io.etwcorr.schemas.etw.EtwProvider;
import io.etwcorr.schemas.raw.RawEvent;
import io.etwcorr.schemas.raw.RawEventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} on beacons that start a new process per callback (issue 15, point 2): a scheduled
 * task (svchost.exe → cmd.exe → curl.exe every 5 minutes) and a PowerShell loop starting the same
 * curl.exe command line toward the same C2 every 7 minutes. Every curl.exe calls back once, so only
 * the process groups can see them; the parent executable keeps them apart: two groups, each one
 * episode (one event.id) naming its latest instance and that instance's own parent.
 */
class AnalyzeProcessGroupsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "WS-0001";
    private static final String RUN = "7a1c5e20-0b3d-4c6e-9f10-5d2b8e4a6c01";
    private static final long T0 = 1_795_593_600_000_000L;
    private static final long SECOND = 1_000_000L;
    private static final String C2 = "cdn.task-c2.example";
    private static final String C2_ADDRESS = "203.0.113.50";
    private static final String CURL = "curl.exe -s -o NUL https://" + C2 + "/c";
    private static final int SVCHOST_PID = 1012;
    private static final int POWERSHELL_PID = 6240;

    @TempDir
    Path dir;

    private final List<RawEvent> events = new ArrayList<>();
    private long nextSeq = 1;
    private int nextPid = 20_000;

    @Test
    void aTaskAlertsOnceAsAGroupAndTheSameCommandLineUnderAnotherParentIsAnotherGroup() throws Exception {
        process(true, 0, 700, 7, "explorer.exe", "C:\\Windows\\explorer.exe", 600, 6);
        process(true, 0, SVCHOST_PID, 10, "svchost.exe", "C:\\Windows\\System32\\svchost.exe -k netsvcs -p -s Schedule", 640, 5);
        process(true, 0, POWERSHELL_PID, 30, "powershell.exe",
                "powershell.exe -NoP -W Hidden -c \"while(1){curl.exe -s -o NUL https://" + C2 + "/c; sleep 420}\"", 700, 7);
        long twoHours = 2 * 3600 * SECOND;
        for (long at = 60 * SECOND; at < twoHours; at += 300 * SECOND) {
            int cmd = nextPid++;
            process(false, at, cmd, 1000L + cmd, "cmd.exe", "C:\\Windows\\System32\\cmd.exe /c " + CURL, SVCHOST_PID, 10);
            curlRun(at + SECOND / 10, cmd, 1000L + cmd);
            stop(at + 2 * SECOND, at, cmd, 1000L + cmd, "cmd.exe");
        }
        for (long at = 90 * SECOND; at < twoHours; at += 420 * SECOND) {
            curlRun(at, POWERSHELL_PID, 30);
        }
        Path input = dir.resolve("groups.jsonl");
        events.sort(Comparator.comparingLong(RawEvent::ts));
        Files.write(input, events.stream().map(e -> RawEventCodec.encodeToString(renumbered(e))).toList());

        Path out = dir.resolve("out");
        AnalyzeCommand.analyze(List.of(input), out, ConfigLoader.defaults());
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("anomalies.jsonl"))) {
            assertThat(SchemaValidator.validate(SchemaId.ANOMALY, line)).isEmpty();
            alerts.add(JSON.readTree(line));
        }

        Map<String, List<JsonNode>> byParent = alerts.stream()
                .collect(Collectors.groupingBy(a -> a.at("/process/parent/name").asText()));
        assertThat(byParent).as("one group per parent executable").containsOnlyKeys("cmd.exe", "powershell.exe");
        for (List<JsonNode> records : byParent.values()) {
            assertThat(records).extracting(a -> a.at("/event/id").asText()).as("one episode, one event.id")
                    .containsOnly(records.get(0).at("/event/id").asText());
            assertThat(records).extracting(a -> a.at("/event/action").asText()).containsOnlyOnce("beacon-detected");
            for (JsonNode alert : records) {
                assertThat(alert.at("/process/name").asText()).isEqualTo("curl.exe");
                assertThat(alert.at("/destination/domain").asText()).isEqualTo(C2);
                assertThat(alert.at("/beacon/instances").asInt()).as("instances that called back").isGreaterThanOrEqualTo(2);
            }
        }
        JsonNode task = byParent.get("cmd.exe").get(0);
        assertThat(task.path("lineage").findValuesAsText("name")).containsExactly("svchost.exe", "cmd.exe", "curl.exe");
        assertThat(task.at("/patient_zero/name").asText()).as("the first process below the boundary svchost.exe")
                .isEqualTo("cmd.exe");
        JsonNode loop = byParent.get("powershell.exe").get(0);
        assertThat(loop.path("lineage").findValuesAsText("name")).containsExactly("explorer.exe", "powershell.exe", "curl.exe");
    }

    /** One curl.exe started by {@code parentPid} at {@code at}: it resolves the C2, connects, sends, receives and exits. */
    private void curlRun(long at, int parentPid, long parentSeq) {
        int curl = nextPid++;
        long seq = 1000L + curl;
        process(false, at, curl, seq, "curl.exe", CURL, parentPid, parentSeq);
        add(at + 20_000, EtwProvider.DNS_CLIENT, 3008, null, curl, props("QueryName", C2, "QueryType", 1L,
                "QueryOptions", 0L, "QueryStatus", 0L, "QueryResults", "::ffff:" + C2_ADDRESS + ";"), null);
        int port = 49_152 + curl % 10_000;
        add(at + 40_000, EtwProvider.KERNEL_NETWORK, 12, 12, -1, tcp(curl, 0, port), null);
        add(at + 60_000, EtwProvider.KERNEL_NETWORK, 10, 10, curl, tcp(curl, 310, port), null);
        add(at + 150_000, EtwProvider.KERNEL_NETWORK, 11, 11, 4, tcp(curl, 920, port), null);
        add(at + 160_000, EtwProvider.KERNEL_NETWORK, 13, 13, 4, tcp(curl, 0, port), null);
        stop(at + 200_000, at, curl, seq, "curl.exe");
    }

    private void process(boolean rundown, long at, int pid, long seq, String name, String commandLine, int parentPid,
            long parentSeq) {
        String dosPath = (name.equals("explorer.exe") ? "C:\\Windows\\" : "C:\\Windows\\System32\\") + name;
        Map<String, Object> props = props("ProcessID", (long) pid, "ProcessSequenceNumber", seq,
                "CreateTime", T0 + at - (rundown ? 3600 * SECOND : 0), "ParentProcessID", (long) parentPid,
                "ParentProcessSequenceNumber", parentSeq, "SessionID", 1L,
                "ImageName", "\\Device\\HarddiskVolume3" + dosPath.substring(2));
        add(at, EtwProvider.KERNEL_PROCESS, rundown ? 15 : 1, rundown ? null : 1, rundown ? -1 : parentPid, props,
                props("image", dosPath, "cmdline", commandLine));
    }

    private void stop(long at, long startedAt, int pid, long seq, String name) {
        add(at, EtwProvider.KERNEL_PROCESS, 2, 2, pid, props("ProcessID", (long) pid, "ProcessSequenceNumber", seq,
                "CreateTime", T0 + startedAt, "ExitTime", T0 + at, "ExitCode", 0L, "ImageName", name), null);
    }

    private static Map<String, Object> tcp(int pid, long size, int localPort) {
        return props("PID", (long) pid, "size", size, "daddr", C2_ADDRESS, "saddr", "10.0.0.21",
                "dport", 443L, "sport", (long) localPort, "connid", (long) localPort);
    }

    private void add(long at, EtwProvider provider, int id, Integer opcode, int pid, Map<String, Object> props,
            Map<String, Object> x) {
        int ver = id == 1 ? 3 : id == 15 ? 1 : id == 2 ? 2 : 0;
        events.add(new RawEvent(1, HOST, RUN, 0, T0 + at, provider.providerName(), provider.guidText(), id, ver, opcode,
                pid, pid < 0 ? 0 : 1, props, x));
    }

    /** The event with the next sequence number of the host's collector run, in time order. */
    private RawEvent renumbered(RawEvent e) {
        return new RawEvent(e.v(), e.host(), e.run(), nextSeq++, e.ts(), e.provider(), e.guid(), e.id(), e.ver(),
                e.opcode(), e.pid(), e.tid(), e.props(), e.x());
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
