package io.etwcorr.jobs.normalize.sysmon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etwcorr.jobs.output.OutputRecord;
import java.io.UncheckedIOException;

/**
 * Alerts from Sysmon input say so, and what they could not take into account: {@code input.format}
 * {@code sysmon} and {@code input.not_evaluated} (docs/contract/outputs.md).
 */
public final class SysmonAlerts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SysmonAlerts() {}

    public static OutputRecord label(OutputRecord alert) {
        try {
            ObjectNode record = (ObjectNode) JSON.readTree(alert.json);
            ObjectNode input = record.putObject("input");
            input.put("format", "sysmon");
            for (String missing : SysmonNormalizer.NOT_EVALUATED) {
                input.withArray("not_evaluated").add(missing);
            }
            return new OutputRecord(alert.key, alert.timestamp, JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("an alert the job wrote is not JSON", e);
        }
    }
}
