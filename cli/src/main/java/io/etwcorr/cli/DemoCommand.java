package io.etwcorr.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code etwcorr demo}: the whole system on the embedded default, with a simulated fleet. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the embedded default: in-process Kafka, the correlation job in a local Flink "
                + "(web UI on localhost:8081), and a simulated fleet in which one host gets a beaconing implant.",
                "Prints a progress line and every alert as it arrives. Ctrl-C stops it."})
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

    @Option(names = "--json", description = "Print alerts as their raw JSON records.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("etwcorr demo: starting Kafka and Flink, then %d simulated hosts at %.0fx speed...%n", hosts, speed);
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        long started = System.nanoTime();
        try (Demo demo = Demo.start(new Demo.Options(hosts, speed, seed, webUiPort), alert -> {
            synchronized (out) {
                out.println();
                out.print(json ? alert + System.lineSeparator() : AlertRenderer.render(alert));
                out.flush();
            }
        })) {
            AtomicBoolean stopping = new AtomicBoolean();
            Thread onCtrlC = new Thread(() -> {
                stopping.set(true);
                stop.countDown();
                demo.close(); // the JVM is exiting: stop everything before it does
            });
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            out.printf("Kafka at %s%s. Ctrl-C stops.%n", demo.bootstrapServers(),
                    demo.webUi() == null ? "" : ", Flink web UI at " + demo.webUi());
            out.flush();
            long lastProduced = 0;
            while (!stop.await(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                long produced = demo.produced();
                synchronized (out) {
                    out.printf("[%02d:%02d] %,d events (%,d/s) from %d hosts, simulated %s, %d alert(s)%n",
                            elapsed / 60, elapsed % 60, produced, (produced - lastProduced) / PROGRESS_EVERY.toSeconds(),
                            hosts, simulated(demo.simulatedMicros()), demo.alerts());
                    out.flush();
                }
                lastProduced = produced;
                if (durationSeconds > 0 && elapsed >= durationSeconds) {
                    break;
                }
            }
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            }
        }
        return 0;
    }

    private static String simulated(long micros) {
        long seconds = micros / 1_000_000;
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
