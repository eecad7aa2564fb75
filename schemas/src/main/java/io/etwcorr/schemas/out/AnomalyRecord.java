package io.etwcorr.schemas.out;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** {@code etw.anomalies}: a beacon toward a process, with its lineage and patient zero (outputs.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnomalyRecord(
        @JsonProperty("@timestamp") String timestamp,
        EventField event,
        Rule rule,
        HostField host,
        AlertProcess process,
        Destination destination,
        Beacon beacon,
        @JsonProperty("patient_zero") PatientZero patientZero,
        LineageEntry[] lineage,
        Threat threat) {

    /** ECS {@code rule}: which detection fired, e.g. {@code beacon}. */
    public record Rule(String name) {
    }

    /** The alerting process, with its command line and parent when known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertProcess(
            @JsonUnwrapped ProcessRef process,
            @JsonProperty("command_line") String commandLine,
            ProcessRef parent) {
    }

    /**
     * ECS {@code destination} of an alert: the latest address called (absent for DNS-only beacons), the
     * name the process asked for, and that name's registrable domain.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destination(
            String ip,
            Integer port,
            String domain,
            @JsonProperty("registered_domain") String registeredDomain) {
    }

    /**
     * The callback statistics that made the score; times are ECS timestamps, sizes in bytes;
     * {@code instances} only for a process group (how many process instances called back).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Beacon(
            @JsonProperty("interval_s") double intervalS,
            double jitter,
            long callbacks,
            double score,
            @JsonProperty("first_seen") String firstSeen,
            @JsonProperty("last_seen") String lastSeen,
            @JsonProperty("bytes_out_median") long bytesOutMedian,
            @JsonProperty("bytes_in_median") long bytesInMedian,
            @JsonProperty("hosts_contacting_destination") long hostsContactingDestination,
            Integer instances) {
    }

    /** The process the investigation starts from, and why it was chosen. */
    public record PatientZero(@JsonUnwrapped ProcessRef process, String reason) {
    }

    /** One process of the chain; {@code edge} ({@code root}, {@code parent}, {@code injected}) links it to the previous one. */
    public record LineageEntry(@JsonUnwrapped ProcessRef process, String edge) {
    }

    /** ECS {@code threat}: the MITRE ATT&CK classification. */
    public record Threat(String framework, Tactic tactic, Technique technique) {

        /** Command-and-control beaconing: tactic Command and Control, technique T1071. */
        public static Threat commandAndControl() {
            return new Threat("MITRE ATT&CK", new Tactic(new String[] {"Command and Control"}), new Technique(new String[] {"T1071"}));
        }
    }

    public record Tactic(String[] name) {
    }

    public record Technique(String[] id) {
    }
}
