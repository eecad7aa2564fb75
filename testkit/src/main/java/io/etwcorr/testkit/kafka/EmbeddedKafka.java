package io.etwcorr.testkit.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, combined broker+controller) running inside this JVM, for the
 * integration tests and the demo. It listens on localhost, on an ephemeral port (the test kit
 * pre-binds it, so there is no race for a free port), keeps its data in a temporary directory that is deleted on {@link #close()}, and is
 * configured for a single node (replication factor 1 for the internal topics, so transactions
 * and consumer groups work).
 *
 * <p>With {@link Builder#saslSsl(LocalCertificates)} it also listens for SASL_SSL clients
 * (SCRAM-SHA-512 over TLS) on a second port, {@link #saslSslBootstrapServers()}; the first listener
 * stays plaintext for the broker itself and for the test's own set-up ({@link #createTopics},
 * {@link #addScramUser}), so credentials can be created after start, as an operator would.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final String SASL_SSL_LISTENER = "SASL_SSL";
    private static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    /** Kafka's default SCRAM iteration count. */
    private static final int SCRAM_ITERATIONS = 4096;

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final LocalCertificates certificates;

    private EmbeddedKafka(KafkaClusterTestKit cluster, LocalCertificates certificates) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
        this.certificates = certificates;
    }

    /** Starts a broker on an ephemeral port with the default configuration. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client properties with only {@code bootstrap.servers} set. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    /** The SASL_SSL listener for clients, e.g. {@code localhost:40125}; only in the SASL_SSL mode. */
    public String saslSslBootstrapServers() {
        requireSaslSsl();
        int port = cluster.brokers().values().iterator().next().boundPort(ListenerName.normalised(SASL_SSL_LISTENER));
        return "localhost:" + port;
    }

    /**
     * Client properties for the SASL_SSL listener as {@code user}: TLS trusting the test CA and
     * SCRAM-SHA-512. {@code password} goes into {@code sasl.jaas.config} as given, so it may be a
     * Kafka config-provider reference such as {@code ${file:/secrets/kafka.properties:password}}.
     */
    public Map<String, String> saslSslClientProperties(String user, String password) {
        requireSaslSsl();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", SCRAM_MECHANISM);
        properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        properties.put("ssl.truststore.type", "PEM");
        properties.put("ssl.truststore.location", certificates.caCertificate().toString());
        return properties;
    }

    /**
     * Creates or replaces the SCRAM-SHA-512 credential of {@code user} and waits until the broker
     * knows it, so a client connecting right after authenticates.
     */
    public void addScramUser(String user, String password) {
        requireSaslSsl();
        try (Admin admin = Admin.create(clientProperties())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password)))
                    .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (!admin.describeUserScramCredentials(List.of(user)).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).containsKey(user)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not learn the credential of " + user);
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding SCRAM user " + user, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot add SCRAM user " + user, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("SCRAM user " + user + " not added within " + ADMIN_TIMEOUT, e);
        }
    }

    /**
     * Creates the ACLs (only with {@link Builder#authorizer()}) and waits until the broker enforces
     * them. Equivalent to {@code kafka-acls.sh --add} per binding.
     */
    public void addAcls(Collection<AclBinding> acls) {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createAcls(acls).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
            while (!new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).containsAll(acls)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not learn the ACLs");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding ACLs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot add ACLs", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("ACLs not added within " + ADMIN_TIMEOUT, e);
        }
    }

    private void requireSaslSsl() {
        if (certificates == null) {
            throw new IllegalStateException("this broker was started without SASL_SSL (Builder.saslSsl)");
        }
    }

    /** Creates the topics (replication factor 1) and waits until they exist; existing ones are kept. */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        try (Admin admin = Admin.create(clientProperties())) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("topics not created within " + ADMIN_TIMEOUT, e);
        }
    }

    /**
     * Stops the broker, keeping its data and the controller, so clients can be tested through an
     * outage; {@link #restartBroker()} brings it back on the same port.
     */
    public void stopBroker() {
        cluster.brokers().values().forEach(BrokerServer::shutdown);
        LOG.info("embedded Kafka broker at {} stopped", bootstrapServers);
    }

    /** Starts the broker stopped by {@link #stopBroker()} again and waits until it accepts clients. */
    public void restartBroker() {
        cluster.brokers().values().forEach(BrokerServer::startup);
        try {
            cluster.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not restart", e.getCause());
        }
        LOG.info("embedded Kafka broker at {} restarted", bootstrapServers);
    }

    /**
     * Reads {@code topic} from its beginning, in a new consumer group, until at least
     * {@code atLeast} records arrived or {@code timeout} passed; then polls once more, so that
     * records beyond the expected count (duplicates, strays) are returned too. With
     * {@code readCommitted}, only records of committed transactions, as a SIEM reads the outputs.
     */
    public List<ConsumerRecord<String, byte[]>> consume(String topic, int atLeast, Duration timeout,
            boolean readCommitted) {
        Properties properties = clientProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }

    /**
     * Reads every record of {@code topic} from its beginning up to its end offsets as of the call
     * (with {@code readCommitted}, the last stable offset: records of open transactions wait).
     * Unlike {@link #consume}, the result is complete, so it shows duplicates and missing records.
     */
    public List<ConsumerRecord<String, byte[]>> consumeToEnd(String topic, Duration timeout, boolean readCommitted) {
        Properties properties = clientProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read " + records.size() + " records of " + topic
                            + " but not to its end offsets " + end + " within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("embedded Kafka did not stop cleanly", e);
        }
    }

    /** The storage formatter prints to standard output, which belongs to the CLI's user. */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } finally {
            System.setOut(stdout);
        }
    }

    /** Options of the embedded broker. */
    public static final class Builder {
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private LocalCertificates certificates;

        private Builder() {
            brokerProperties.put("offsets.topic.replication.factor", "1");
            brokerProperties.put("offsets.topic.num.partitions", "4");
            brokerProperties.put("transaction.state.log.replication.factor", "1");
            brokerProperties.put("transaction.state.log.min.isr", "1");
            brokerProperties.put("transaction.state.log.num.partitions", "4");
            brokerProperties.put("group.initial.rebalance.delay.ms", "0");
            brokerProperties.put("auto.create.topics.enable", "false");
        }

        /** A broker configuration property, e.g. for listeners with TLS or SASL. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /**
         * Adds a SASL_SSL listener (SCRAM-SHA-512 over TLS with the broker certificate of
         * {@code certificates}) next to the plaintext one; users come from {@link #addScramUser}.
         */
        public Builder saslSsl(LocalCertificates certificates) {
            this.certificates = certificates;
            String prefix = "listener.name." + SASL_SSL_LISTENER.toLowerCase(Locale.ROOT) + ".";
            // The test kit names its own listeners EXTERNAL (broker) and CONTROLLER; port 0 is bound at start.
            brokerProperties.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,"
                    + SASL_SSL_LISTENER + "://localhost:0");
            brokerProperties.put("listener.security.protocol.map",
                    "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + SASL_SSL_LISTENER + ":SASL_SSL");
            brokerProperties.put(prefix + "sasl.enabled.mechanisms", SCRAM_MECHANISM);
            brokerProperties.put(prefix + SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            brokerProperties.put(prefix + "ssl.keystore.type", "PKCS12");
            brokerProperties.put(prefix + "ssl.keystore.location", certificates.brokerKeystore().toString());
            brokerProperties.put(prefix + "ssl.keystore.password", certificates.storePassword());
            brokerProperties.put(prefix + "ssl.key.password", certificates.storePassword());
            return this;
        }

        /**
         * Enforces ACLs with KRaft's StandardAuthorizer: nothing is allowed without an ACL, except to
         * the plaintext listener's anonymous principal (the broker itself, the controller and the test's
         * set-up), which is a super user.
         */
        public Builder authorizer() {
            brokerProperties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            brokerProperties.put("allow.everyone.if.no.acl.found", "false");
            brokerProperties.put("super.users", "User:ANONYMOUS");
            return this;
        }

        /** Formats storage, starts the broker and waits until it accepts clients. */
        public EmbeddedKafka start() {
            long started = System.nanoTime();
            KafkaClusterTestKit cluster = null;
            try {
                TestKitNodes nodes = new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build();
                KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
                brokerProperties.forEach(builder::setConfigProp);
                cluster = builder.build();
                formatQuietly(cluster);
                cluster.startup();
                cluster.waitForReadyBrokers();
                EmbeddedKafka kafka = new EmbeddedKafka(cluster, certificates);
                LOG.info("embedded Kafka ready at {} in {} ms", kafka.bootstrapServers(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return kafka;
            } catch (Exception e) {
                if (cluster != null) {
                    try {
                        cluster.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("cannot start the embedded Kafka broker: " + e.getMessage(), e);
            }
        }
    }
}
