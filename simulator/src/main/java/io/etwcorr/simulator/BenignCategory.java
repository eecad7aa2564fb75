package io.etwcorr.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a periodic benign (process, destination) pair is periodic. */
public enum BenignCategory {
    /** An update or telemetry service polling the same domain from every host. */
    @JsonProperty("fleet_service") FLEET_SERVICE,
    /** Time synchronisation. */
    @JsonProperty("ntp") NTP,
    /** A chat client's keep-alive on one long connection. */
    @JsonProperty("keepalive") KEEPALIVE,
    /** A browser tab polling a web application. */
    @JsonProperty("browser") BROWSER,
    /** A monitoring agent on a few servers checking in every minute: a beacon by every measure, on purpose. */
    @JsonProperty("monitoring") MONITORING,
    /** A backup agent on a share of the fleet asking an internal server for jobs. */
    @JsonProperty("backup") BACKUP,
    /** QUIC (UDP 443) video from a CDN. */
    @JsonProperty("quic") QUIC,
    /** A video meeting's real-time media over UDP to a conferencing relay. */
    @JsonProperty("meeting") MEETING
}
