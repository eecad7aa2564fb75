package io.etwcorr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertRendererTest {
    private static final String DETECTED = """
            {"@timestamp":"2026-11-25T19:31:07.123456Z",
             "event":{"kind":"alert","category":["network"],"type":["connection"],"action":"%s","id":"ep-1",
                      "start":"2026-11-25T19:18:02.051000Z","end":"2026-11-25T19:31:07.123456Z"},
             "rule":{"name":"beacon"},"host":{"name":"WS-0042"},
             "process":{"pid":7312,"entity_id":"e-7312","name":"rundll32.exe","executable":"C:\\\\Windows\\\\System32\\\\rundll32.exe"},
             "destination":{"ip":"203.0.113.7","port":443,"domain":"cdn.evil.example","registered_domain":"evil.example"},
             "beacon":{"interval_s":60.4,"jitter":0.21,"callbacks":%d,"score":0.93,"first_seen":"2026-11-25T19:18:02.051000Z",
                       "last_seen":"2026-11-25T19:31:07.123456Z","bytes_out_median":517,"bytes_in_median":190,
                       "hosts_contacting_destination":1},
             "patient_zero":{"pid":7312,"entity_id":"e-7312","name":"rundll32.exe","reason":"the alerting process itself (parent unknown)"},
             "lineage":[{"pid":7312,"entity_id":"e-7312","name":"rundll32.exe","edge":"root"}],
             "threat":{"framework":"MITRE ATT&CK","tactic":{"name":["Command and Control"]},"technique":{"id":["T1071"]}}}
            """;

    @Test
    void aDetectionIsABlockWithItsEpisodeId() {
        String text = AlertRenderer.render(DETECTED.formatted("beacon-detected", 14));
        assertThat(text).startsWith("ALERT beacon on WS-0042 at 2026-11-25T19:31:07Z (score 0.93)  [id ep-1]");
        assertThat(text).contains("lineage      rundll32.exe (pid 7312)").contains("ATT&CK");
    }

    @Test
    void anUpdateOfTheSameEpisodeIsOneLine() {
        String text = AlertRenderer.render(DETECTED.formatted("beacon-updated", 74));
        assertThat(text.lines()).singleElement().isEqualTo("UPDATE beacon on WS-0042 at 2026-11-25T19:31:07Z (score 0.93): "
                + "rundll32.exe (pid 7312) → cdn.evil.example, 74 callbacks since 2026-11-25T19:18:02Z, every 60.4 s  [id ep-1]");
    }

    @Test
    void onlyAnUpdateCountsAsAnUpdate() {
        assertThat(AlertRenderer.isUpdate(DETECTED.formatted("beacon-updated", 74))).isTrue();
        assertThat(AlertRenderer.isUpdate(DETECTED.formatted("beacon-detected", 14))).isFalse();
        assertThat(AlertRenderer.isUpdate("not json")).isFalse();
    }
}
