package io.etwcorr.testkit.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a broker certificate for {@code localhost} signed by it,
 * made at run time with the JDK's {@code keytool}, so no key material is checked in and nothing
 * outlives the test. Clients trust {@link #caCertificate()} (a PEM file, Kafka's
 * {@code ssl.truststore.type=PEM}); the broker serves {@link #brokerKeystore()} (PKCS12).
 */
public final class LocalCertificates {
    private static final String VALIDITY_DAYS = "2";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final Path directory;
    private final String storePassword;

    private LocalCertificates(Path directory, String storePassword) {
        this.directory = directory;
        this.storePassword = storePassword;
    }

    /** Creates the CA and the broker certificate (SAN localhost, 127.0.0.1) in {@code directory}. */
    public static LocalCertificates create(Path directory) {
        LocalCertificates certificates = new LocalCertificates(directory, UUID.randomUUID().toString());
        certificates.generate();
        return certificates;
    }

    /** PEM file with the CA certificate: what clients trust. */
    public Path caCertificate() {
        return directory.resolve("ca.pem");
    }

    /** PKCS12 keystore with the broker's key and its certificate chain. */
    public Path brokerKeystore() {
        return directory.resolve("broker.p12");
    }

    /** Password of the keystores (random per instance). */
    public String storePassword() {
        return storePassword;
    }

    private void generate() {
        Path ca = directory.resolve("ca.p12");
        Path request = directory.resolve("broker.csr");
        Path brokerCertificate = directory.resolve("broker.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=etwcorr-test-ca", "-ext", "bc:c", "-validity", VALIDITY_DAYS,
                "-keystore", ca.toString(), "-storetype", "PKCS12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", caCertificate().toString());
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-validity", VALIDITY_DAYS,
                "-keystore", brokerKeystore().toString(), "-storetype", "PKCS12");
        keytool("-certreq", "-alias", "broker", "-keystore", brokerKeystore().toString(), "-file", request.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(),
                "-outfile", brokerCertificate.toString(), "-validity", VALIDITY_DAYS,
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth");
        // The chain must be complete in the keystore: the CA first, then the signed reply.
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCertificate().toString(),
                "-keystore", brokerKeystore().toString());
        keytool("-importcert", "-alias", "broker", "-file", brokerCertificate.toString(),
                "-keystore", brokerKeystore().toString());
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.add("-storepass");
        command.add(storePassword);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
