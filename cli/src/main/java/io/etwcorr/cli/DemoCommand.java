package io.etwcorr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** {@code etwcorr demo}: the whole system on the embedded default, with a simulated fleet. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the embedded default: in-process Kafka, the correlation job in a local Flink "
                + "(web UI on localhost:8081), and a simulated fleet in which one host gets a beaconing implant.",
                "Prints a progress line and every alert as it arrives, and serves the run's report page on "
                        + "localhost:8082. Everything listens on localhost only. Ctrl-C stops it."})
public final class DemoCommand implements Callable<Integer> {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--hosts", defaultValue = "50", description = "Simulated hosts (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--speed", defaultValue = "30",
            description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this many wall-clock seconds (default: run until Ctrl-C).")
    long durationSeconds;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the simulated fleet (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--web-ui-port", defaultValue = "8081", description = "Flink web UI port, 0 for none (default: ${DEFAULT-VALUE}).")
    int webUiPort;

    @Option(names = "--report-port", defaultValue = "8082",
            description = "Port of the live report page, 0 for none (default: ${DEFAULT-VALUE}).")
    int reportPort;

    @Option(names = "--json", description = "Print alerts as their raw JSON records.")
    boolean json;

    /** Checks every option before anything starts; a port another program holds is named with a way out. */
    void validate() {
        if (hosts < 1 || hosts > 99_999) {
            throw new IllegalArgumentException("--hosts must be between 1 and 99999, got " + hosts);
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--speed must be a positive number of simulated seconds per second, got "
                    + speed);
        }
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("--duration must be 0 (until Ctrl-C) or a positive number of seconds, got "
                    + durationSeconds);
        }
        checkPort("--web-ui-port", webUiPort);
        checkPort("--report-port", reportPort);
        if (webUiPort != 0 && webUiPort == reportPort) {
            throw new IllegalArgumentException("--web-ui-port and --report-port are both " + webUiPort);
        }
    }

    private static void checkPort(String option, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(option + " must be a port in [1, 65535], or 0 for none; got " + port);
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException inUse) {
            throw new IllegalArgumentException("port " + port + " (" + option + ") is in use by another program; "
                    + "choose another with " + option + " P, or 0 for none");
        }
    }

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("etwcorr demo: starting Kafka and Flink, then %d simulated hosts at %.0fx speed...%n", hosts, speed);
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        long started = System.nanoTime();
        try (Demo demo = Demo.start(new Demo.Options(hosts, speed, seed, webUiPort, reportPort), alert -> {
            synchronized (out) {
                out.println();
                out.print(json ? alert + System.lineSeparator() : AlertRenderer.render(alert));
                out.flush();
            }
        })) {
            // Ctrl-C ends the wait below; the demo then stops in order and the command exits 0
            Signal.handle(new Signal("INT"), signal -> stop.countDown());
            out.printf("Kafka at %s%s%s. Ctrl-C stops.%n", demo.bootstrapServers(),
                    demo.webUi() == null ? "" : ", Flink web UI at " + demo.webUi(),
                    demo.reportPage() == null ? "" : ", report page at " + demo.reportPage());
            out.flush();
            long lastProduced = demo.produced();
            long lastSimulated = demo.simulatedMicros();
            long lastSample = System.nanoTime();
            boolean firstLine = true;
            while (!stop.await(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                Duration sinceLast = Duration.ofNanos(now - lastSample);
                lastSample = now;
                long elapsed = TimeUnit.NANOSECONDS.toSeconds(now - started);
                long produced = demo.produced();
                long simulatedMicros = demo.simulatedMicros();
                synchronized (out) {
                    out.printf("[%02d:%02d] %,d events (%,d/s) from %d hosts, simulated %s, %d alert(s)%s%n",
                            elapsed / 60, elapsed % 60, produced, (produced - lastProduced) * 1000 / Math.max(1, sinceLast.toMillis()),
                            hosts, simulated(simulatedMicros), demo.alerts(),
                            firstLine ? "" : behind(simulatedMicros - lastSimulated, demo.jobLagMicros(), sinceLast, speed));
                    out.flush();
                }
                lastProduced = produced;
                lastSimulated = simulatedMicros;
                firstLine = false; // the fleet warms up during the first interval
                if (durationSeconds > 0 && elapsed >= durationSeconds) {
                    break;
                }
            }
            out.println("etwcorr demo: stopping (fleet, job, Kafka)...");
            out.flush();
        }
        return 0;
    }

    /** A job this far behind the fleet (wall seconds at --speed) cannot keep up. */
    static final long JOB_BEHIND_S = 30;

    /**
     * Empty while the fleet plays at --speed and the job keeps up with it, else which of them falls
     * behind: the fleet's simulated time over the last interval, the job's event time against the fleet's.
     */
    static String behind(long simulatedMicrosPlayed, long jobLagMicros, Duration wall, double speed) {
        double achieved = simulatedMicrosPlayed / 1e6 / wall.toMillis() * 1000;
        if (achieved < 0.8 * speed) {
            return String.format(", behind: the fleet plays at %.0fx, not --speed %.0fx", achieved, speed);
        }
        double jobBehindS = jobLagMicros / 1e6 / speed;
        if (jobBehindS > JOB_BEHIND_S) {
            return String.format(", behind: the job is %.0f s behind the fleet and cannot keep up with --speed %.0fx; "
                    + "try a lower --speed or fewer --hosts", jobBehindS, speed);
        }
        return "";
    }

    private static String simulated(long micros) {
        long seconds = micros / 1_000_000;
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
