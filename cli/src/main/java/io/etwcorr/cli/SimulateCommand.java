package io.etwcorr.cli;

import io.etwcorr.collector.coalesce.CoalesceSettings;
import io.etwcorr.collector.delivery.KafkaRawProducer;
import io.etwcorr.simulator.BenignMix;
import io.etwcorr.simulator.CorpusWriter;
import io.etwcorr.simulator.sysmon.SysmonCorpusWriter;
import io.etwcorr.simulator.FleetSpec;
import io.etwcorr.simulator.GroundTruth;
import io.etwcorr.simulator.ImplantSpec;
import io.etwcorr.jobs.io.kafka.BrokerCheck;
import java.io.PrintWriter;
import java.time.Duration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code etwcorr simulate}: the demo's simulated fleet, into any Kafka or into a file for {@code analyze}. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Generate a simulated fleet's raw events (contract format): into Kafka, or into a JSONL(.gz) file "
                + "with its ground truth beside it (FILE.truth.json); into a file also as Sysmon would log it (--format).")
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Produce into this Kafka.")
        String bootstrapServers;

        @Option(names = "--out", paramLabel = "FILE", description = "Write FILE.jsonl or FILE.jsonl.gz.")
        Path out;
    }

    @Option(names = "--hosts", defaultValue = "50", description = "Simulated hosts (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Simulated time to cover (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--seed", defaultValue = "7", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-implant", description = "Benign hosts only (default: host 1 runs the demo's implant, "
            + "which starts 300 simulated seconds in).")
    boolean noImplant;

    @Option(names = "--speed", defaultValue = "0",
            description = "Kafka only: simulated seconds per wall second, 0 for as fast as possible (default).")
    double speed;

    @Option(names = "--topic", defaultValue = "etw.raw", description = "Kafka only: the raw topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--format", defaultValue = "raw",
            description = "File only: raw (the contract, default), winlogbeat (Sysmon as Winlogbeat 8.x JSON Lines) or "
                    + "sysmon-xml (Sysmon as the event log's XML export).")
    String format;

    @Option(names = "--coalesce", description = "Raw format only: what the collectors send with coalesced transfers on "
            + "(one record per connection per burst window) instead of every send and receive.")
    boolean coalesce;

    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "Kafka only: a client property (repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--broker-wait", paramLabel = "SECONDS", defaultValue = "" + BrokerCheck.DEFAULT_WAIT_SECONDS,
            description = "Kafka only: give up when Kafka cannot be reached for this long (default: ${DEFAULT-VALUE}).")
    int brokerWaitSeconds;

    @Override
    public Integer call() throws Exception {
        if (hosts < 1 || hosts > 99_999) {
            throw new IllegalArgumentException("--hosts must be between 1 and 99999, got " + hosts);
        }
        if (durationSeconds < 1) {
            throw new IllegalArgumentException("--duration must be at least 1 simulated second, got " + durationSeconds);
        }
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("--speed must be 0 (as fast as possible) or positive, got " + speed);
        }
        ImplantSpec implant = ImplantSpec.story(0);
        FleetSpec fleet = new FleetSpec(seed, hosts, FleetSpec.DEFAULT_START_MICROS, durationSeconds, 1.0,
                noImplant ? List.of() : List.of(implant), BenignMix.defaults());
        PrintWriter out = spec.commandLine().getOut();
        if (!format.equals("raw") && target.out == null) {
            throw new ParameterException(spec.commandLine(), "--format " + format + " writes files only (--out)");
        }
        if (coalesce && !format.equals("raw")) {
            throw new ParameterException(spec.commandLine(), "--coalesce applies to raw events only (--format raw)");
        }
        if (target.out != null) {
            GroundTruth truth = switch (format) {
                case "raw" -> coalesce
                        ? CorpusWriter.write(fleet, target.out, file -> new CoalescingCollectors(CoalesceSettings.DEFAULTS, file))
                        : CorpusWriter.write(fleet, target.out);
                case "winlogbeat" -> SysmonCorpusWriter.write(fleet, target.out, SysmonCorpusWriter.Shape.WINLOGBEAT);
                case "sysmon-xml" -> SysmonCorpusWriter.write(fleet, target.out, SysmonCorpusWriter.Shape.XML);
                default -> throw new ParameterException(spec.commandLine(),
                        "unknown --format " + format + ", expected raw, winlogbeat or sysmon-xml");
            };
            out.printf("simulate: %d hosts, %d s simulated, %d implant(s) -> %s (ground truth: %s)%n", hosts,
                    durationSeconds, truth.implants().size(), target.out, CorpusWriter.truthFile(target.out));
            if (!noImplant && truth.implants().isEmpty()) {
                out.printf("simulate: host 1's implant starts %d simulated seconds in, after this run ends; "
                        + "use --duration %d or more to include it and its callbacks%n", implant.startAfterS(),
                        implant.startAfterS() + 10 * (long) implant.sleepS());
            }
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        BrokerCheck.awaitReachable(target.bootstrapServers, properties, Duration.ofSeconds(brokerWaitSeconds), notice -> {
            err.println("simulate: " + notice);
            err.flush();
        });
        try (KafkaRawProducer producer = new KafkaRawProducer(target.bootstrapServers, topic, properties)) {
            FleetFeeder feeder = new FleetFeeder(fleet, speed, producer, coalesce ? CoalesceSettings.DEFAULTS : CoalesceSettings.OFF);
            feeder.run();
            out.printf("simulate: %,d events from %d hosts sent to %s at %s (%d failed%s)%n", producer.sent(), hosts,
                    topic, target.bootstrapServers, producer.failed(),
                    producer.lastError() == null ? "" : ", last error: " + producer.lastError().getMessage());
            return producer.failed() == 0 ? 0 : 1;
        }
    }
}
