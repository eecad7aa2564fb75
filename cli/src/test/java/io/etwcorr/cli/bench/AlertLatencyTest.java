package io.etwcorr.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etwcorr.schemas.out.EcsTime;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

class AlertLatencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AT = "2026-11-25T10:00:30.000000Z";

    private static JsonNode alert(String host, String timestamp) throws Exception {
        return JSON.readTree("{\"@timestamp\":\"" + timestamp + "\",\"event\":{\"action\":\"beacon-detected\","
                + "\"id\":\"episode-1\"},\"host\":{\"name\":\"" + host + "\"}}");
    }

    @Test
    void anAlertIsTimedFromTheLastEventItsHostSentAtOrBeforeItsTimestamp() throws Exception {
        long at = EcsTime.parse(AT);
        ConcurrentSkipListMap<Long, Long> ws1 = new ConcurrentSkipListMap<>(Map.of(
                at - 10_000_000L, 100L, at, 200L, at + 1, 300L));
        ConcurrentSkipListMap<Long, Long> ws2 = new ConcurrentSkipListMap<>(Map.of(at, 999L));
        Map<String, ConcurrentSkipListMap<Long, Long>> sentAt = Map.of("WS-0001", ws1, "WS-0002", ws2);

        assertThat(AlertLatency.sentAtOf(alert("WS-0001", AT), sentAt)).isEqualTo(200L);
        assertThat(AlertLatency.sentAtOf(alert("WS-0001", "2026-11-25T10:00:25.000000Z"), sentAt)).isEqualTo(100L);
        assertThat(AlertLatency.sentAtOf(alert("WS-0002", AT), sentAt)).isEqualTo(999L);
    }

    @Test
    void anAlertOfAnUnknownHostOrBeforeItsFirstEventIsUnmatched() throws Exception {
        long at = EcsTime.parse(AT);
        Map<String, ConcurrentSkipListMap<Long, Long>> sentAt = Map.of("WS-0001",
                new ConcurrentSkipListMap<>(Map.of(at, 200L)));

        assertThat(AlertLatency.sentAtOf(alert("WS-0009", AT), sentAt)).isNull();
        assertThat(AlertLatency.sentAtOf(alert("WS-0001", "2026-11-25T10:00:29.000000Z"), sentAt)).isNull();
    }
}
