package io.etwcorr.collector.cli;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.enrich.NativeHostQueries;
import io.etwcorr.collector.runtime.CollectorRuntime;
import io.etwcorr.collector.runtime.KafkaDelivery;
import io.etwcorr.collector.session.NativeEtwApi;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code collector run}: the collector in a console until Ctrl-C (Windows, elevated). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the collector in this console until Ctrl-C: ETW session, decoding, delivery to Kafka "
                + "(disk spool while it is unreachable). Windows, elevated.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectorOptions options;

    @Override
    public Integer call() throws Exception {
        CliErrors.requireWindows("collector run");
        CollectorConfig config = options.load();
        CollectorRuntime collector = new CollectorRuntime(config, new NativeEtwApi(), new NativeHostQueries(), KafkaDelivery::start);
        CountDownLatch stopped = new CountDownLatch(1);
        collector.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.stop(); // Ctrl-C: the session must not outlive the process
            stopped.countDown();
        }));
        spec.commandLine().getOut().printf("collector: session %s -> %s at %s. Ctrl-C stops.%n",
                config.session.name, config.kafka.topic, config.kafka.bootstrapServers);
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
