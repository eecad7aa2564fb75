package io.etwcorr.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretPropertiesTest {
    @Test
    void secretValuesAreRedactedAndTheRestKeptInOrder() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.jaas.config", "ScramLoginModule required username=\"c\" password=\"hunter2\";");
        properties.put("ssl.truststore.password", "hunter3");
        properties.put("ssl.key.password", "hunter4");
        properties.put("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----");
        properties.put("sasl.oauthbearer.token.endpoint.url", "https://idp.example/token");
        properties.put("ssl.truststore.location", "/etc/etwcorr/ca.pem");
        properties.put("client.secret", "s3");

        Map<String, String> redacted = SecretProperties.redacted(properties);

        assertThat(redacted).containsExactly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.jaas.config", SecretProperties.REDACTED),
                Map.entry("ssl.truststore.password", SecretProperties.REDACTED),
                Map.entry("ssl.key.password", SecretProperties.REDACTED),
                Map.entry("ssl.keystore.key", SecretProperties.REDACTED),
                Map.entry("sasl.oauthbearer.token.endpoint.url", SecretProperties.REDACTED),
                Map.entry("ssl.truststore.location", "/etc/etwcorr/ca.pem"),
                Map.entry("client.secret", SecretProperties.REDACTED));
        assertThat(redacted.toString()).doesNotContain("hunter", "PRIVATE KEY", "s3");
    }
}
