package io.etwcorr.collector.cli;

import io.etwcorr.collector.enrich.NativeHostQueries;
import io.etwcorr.collector.selftest.HostStimulus;
import io.etwcorr.collector.selftest.Selftest;
import io.etwcorr.collector.selftest.SelftestReport;
import io.etwcorr.collector.session.EventRecordDecoder;
import io.etwcorr.collector.session.NativeEtwApi;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code collector selftest}: checks on this host that the decoded events show what this process did. */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Check the collector on this host before a rollout: start an ETW session (its own, beside an "
                + "installed collector), resolve a name, connect over TCP to a local listener and exchange fixed byte "
                + "counts, start and stop a child process, then check that the decoded events name the right PIDs, "
                + "domain, addresses, ports, byte counts, parent and sequence numbers.",
                "Prints a pass/fail table with the Windows build and the event versions each provider sent; exits 0 "
                        + "when every check passed. Windows, elevated."})
final class SelftestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--resolve", paramLabel = "NAME", defaultValue = "www.msftconnecttest.com",
            description = "The name to resolve; one this host's DNS answers (default: ${DEFAULT-VALUE}, Windows' own "
                    + "connectivity probe).")
    String name;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long to wait for the events after acting (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        CliErrors.requireWindows("collector selftest");
        Selftest selftest = new Selftest(new NativeEtwApi(), EventRecordDecoder.withTdhFallback(),
                new HostStimulus(name, HostStimulus.WINDOWS_CHILD), Duration.ofSeconds(2), timeout);
        SelftestReport report = selftest.run(new NativeHostQueries().windowsVersion());
        spec.commandLine().getOut().print(report.render());
        spec.commandLine().getOut().flush();
        return report.passed() ? 0 : 1;
    }
}
