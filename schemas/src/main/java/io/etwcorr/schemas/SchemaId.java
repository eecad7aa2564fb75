package io.etwcorr.schemas;

/** Every record type of the contracts, with its default Kafka topic and its schema file. */
public enum SchemaId {
    RAW_EVENT("etw.raw", "raw-event.schema.json"),
    ANOMALY("etw.anomalies", "anomaly.schema.json"),
    CONNECTION("etw.connections", "connection.schema.json"),
    FLOW("etw.flows", "flow.schema.json"),
    HEALTH("etw.health", "health.schema.json"),
    DEADLETTER("etw.deadletter", "deadletter.schema.json");

    private final String topic;
    private final String fileName;

    SchemaId(String topic, String fileName) {
        this.topic = topic;
        this.fileName = fileName;
    }

    /** The default Kafka topic of these records. */
    public String topic() {
        return topic;
    }

    /** The schema's file name, next to this class on the classpath. */
    public String fileName() {
        return fileName;
    }
}
