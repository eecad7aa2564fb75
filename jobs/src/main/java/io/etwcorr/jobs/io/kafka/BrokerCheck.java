package io.etwcorr.jobs.io.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether a Kafka cluster answers, asked before a command that can do nothing without it starts:
 * one notice in the product's words when it does not answer at once (address, how long, what to
 * check), quiet retries, and a clear failure after the configured wait. The Kafka client's own
 * connection warnings are silenced in the CLI's logging configuration.
 */
public final class BrokerCheck {
    /** How long commands wait for an unreachable broker before giving up, unless told otherwise. */
    public static final int DEFAULT_WAIT_SECONDS = 60;
    private static final Duration LONGEST_ATTEMPT = Duration.ofSeconds(5);
    private static final Duration SHORTEST_ATTEMPT = Duration.ofSeconds(1);

    private BrokerCheck() {
    }

    /** The broker did not answer within the wait. */
    public static final class UnreachableException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message) {
            super(message);
        }
    }

    /**
     * Returns once the cluster at {@code bootstrapServers} answers; tells {@code notice} once when the
     * first attempt fails; throws {@link UnreachableException} after {@code wait}.
     */
    public static void awaitReachable(String bootstrapServers, Map<String, String> clientProperties, Duration wait,
            Consumer<String> notice) {
        // a few attempts within the wait, so the first failure is told early
        Duration quarter = wait.dividedBy(4);
        Duration attempt = quarter.compareTo(LONGEST_ATTEMPT) > 0 ? LONGEST_ATTEMPT
                : quarter.compareTo(SHORTEST_ATTEMPT) < 0 ? SHORTEST_ATTEMPT : quarter;
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) attempt.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) attempt.toMillis());
        long started = System.nanoTime();
        long deadline = started + wait.toNanos();
        boolean told = false;
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                String why;
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) attempt.toMillis()))
                            .clusterId().get(attempt.toMillis() + 1000, TimeUnit.MILLISECONDS);
                    if (told) {
                        notice.accept(String.format("Kafka at %s answers now (after %d s).", bootstrapServers,
                                elapsedSeconds(started)));
                    }
                    return;
                } catch (ExecutionException e) {
                    // the client's own timeout names its internal call; to a person it is no answer
                    why = e.getCause() == null
                            || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                            ? "no answer" : e.getCause().getMessage();
                } catch (TimeoutException e) {
                    why = "no answer";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UnreachableException("interrupted while waiting for Kafka at " + bootstrapServers);
                }
                if (!told) {
                    notice.accept(String.format("Kafka at %s cannot be reached (%s); still trying for up to %d s. Check "
                            + "that the broker runs and the address and port are right.", bootstrapServers, why,
                            wait.toSeconds()));
                    told = true;
                }
                if (System.nanoTime() >= deadline) {
                    throw new UnreachableException(String.format("cannot reach Kafka at %s: tried for %d s (%s). Check that "
                            + "the broker runs, the address and port (its advertised listener), firewalls and, with TLS "
                            + "or SASL, the client properties.", bootstrapServers, elapsedSeconds(started), why));
                }
                sleepUntilNextAttempt(deadline);
            }
        }
    }

    private static void sleepUntilNextAttempt(long deadline) {
        long pause = Math.min(1000, Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long elapsedSeconds(long started) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    }
}
