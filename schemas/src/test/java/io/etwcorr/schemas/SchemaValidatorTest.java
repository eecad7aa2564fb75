package io.etwcorr.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
    @Test
    void namesTheFieldInItsMessages() {
        String noHost = ContractExamples.rawEvents().get(1).replace("\"host\":\"WS-0042\",", "");
        assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, noHost)).singleElement().asString()
                .contains("host").contains("required");
        String badSeq = ContractExamples.rawEvents().get(1).replace("\"seq\":18", "\"seq\":-3");
        assertThat(SchemaValidator.validate(SchemaId.RAW_EVENT, badSeq)).singleElement().asString().contains("$.seq");
    }

    @Test
    void reportsTextThatIsNotJsonInsteadOfThrowing() {
        assertThat(SchemaValidator.validate(SchemaId.FLOW, "{\"@timestamp\":")).singleElement().asString().startsWith("not valid JSON");
        assertThat(SchemaValidator.validate(SchemaId.FLOW, "")).singleElement().asString().startsWith("not valid JSON");
    }

    @Test
    void everySchemaHasItsTopicAndFile() {
        assertThat(SchemaId.RAW_EVENT.topic()).isEqualTo("etw.raw");
        assertThat(SchemaId.ANOMALY.topic()).isEqualTo("etw.anomalies");
        assertThat(SchemaId.DEADLETTER.fileName()).isEqualTo("deadletter.schema.json");
        for (SchemaId id : SchemaId.values()) {
            assertThat(SchemaValidator.class.getResource(id.fileName())).as(id.fileName()).isNotNull();
            assertThat(SchemaValidator.validate(id, "{}")).as(id.name()).isNotEmpty();
        }
    }
}
