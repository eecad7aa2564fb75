package io.etwcorr.collector.cli;

import io.etwcorr.collector.service.ServiceInstaller;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code collector uninstall}: stops and removes the collector's Windows service (elevated). */
@Command(name = "uninstall", mixinStandardHelpOptions = true,
        description = "Stop and remove the collector's Windows service. Elevated.")
final class UninstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CollectorOptions options;

    @Override
    public Integer call() {
        CliErrors.requireWindows("collector uninstall");
        String name = options.load().serviceName;
        boolean removed = ServiceInstaller.uninstall(name);
        spec.commandLine().getOut().println(removed ? "removed service " + name : "no service " + name + " to remove");
        return 0;
    }
}
