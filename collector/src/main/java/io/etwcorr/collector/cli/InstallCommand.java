package io.etwcorr.collector.cli;

import io.etwcorr.collector.config.CollectorConfig;
import io.etwcorr.collector.service.ServiceInstaller;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code collector install}: registers the collector as an automatic Windows service (elevated). */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Register the collector as a Windows service (automatic start, LocalSystem) that runs with "
                + "this config. Elevated.")
final class InstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectorOptions options;

    @Override
    public Integer call() {
        CliErrors.requireWindows("collector install");
        CollectorConfig config = options.load(); // a config that does not load must not become a service
        List<String> command = new ArrayList<>(launcher());
        command.add("service");
        command.addAll(options.asArguments()); // the service loads the same config, overrides included
        ServiceInstaller.install(config.serviceName, "etwcorr ETW collector",
                "Streams process, DNS and network ETW events to Kafka for etwcorr.", command);
        spec.commandLine().getOut().println("installed service " + config.serviceName + ": " + String.join(" ", command));
        return 0;
    }

    /** This program: the jpackage launcher when packaged, else this JVM with its class path. */
    static List<String> launcher() {
        String packaged = System.getProperty("jpackage.app-path");
        if (packaged != null) {
            return List.of(packaged);
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-cp", System.getProperty("java.class.path"), CollectorMain.class.getName());
    }
}
