package io.etwcorr.collector.cli;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.enrich.NativeHostQueries;
import io.etwcorr.collector.runtime.CollectorRuntime;
import io.etwcorr.collector.runtime.KafkaDelivery;
import io.etwcorr.collector.service.WindowsServiceHost;
import io.etwcorr.collector.session.NativeEtwApi;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code collector service}: what the Service Control Manager starts (see {@code install}). */
@Command(name = "service", hidden = true, description = "The entry point of the Windows service.")
final class ServiceCommand implements Callable<Integer> {
    @Mixin
    CollectorOptions options;

    @Override
    public Integer call() {
        CliErrors.requireWindows("collector service");
        CollectorConfig config = options.load();
        WindowsServiceHost.run(config.serviceName, new CollectorRuntime(config, new NativeEtwApi(), new NativeHostQueries(), KafkaDelivery::start));
        return 0;
    }
}
