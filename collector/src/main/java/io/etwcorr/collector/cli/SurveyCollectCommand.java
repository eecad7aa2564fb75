package io.etwcorr.collector.cli;

import io.etwcorr.collector.etw.ProviderEnumeration;
import io.etwcorr.collector.etw.RegisteredProvider;
import io.etwcorr.collector.session.NativeEtwApi;
import io.etwcorr.collector.session.SurveyCollector;
import io.etwcorr.collector.survey.StimulusCommand;
import io.etwcorr.collector.survey.SurveyCsv;
import io.etwcorr.collector.survey.SurveyPlan;
import io.etwcorr.collector.survey.SurveyReport;
import io.etwcorr.collector.survey.SurveyResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code collector survey}: which registered providers log what on this host (Windows, elevated; docs/SURVEY.md). */
@Command(name = "survey", mixinStandardHelpOptions = true,
        description = {"Enable every registered ETW provider, in batches of one session each, count what each logs in a "
                + "window (and, with --stimulus, while a command runs) and write the survey CSV. Windows, elevated.",
                "`etwcorr survey report FILE` reads a survey anywhere."})
final class SurveyCollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--window", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Each window's length, e.g. 10s, 500ms, 1m (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--out", defaultValue = "survey.csv", paramLabel = "FILE",
            description = "The survey CSV to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--stimulus", paramLabel = "COMMAND",
            description = "A command line (cmd.exe) run once per batch during a second window, stopped if it outlives it.")
    String stimulus;

    @Option(names = "--batch", defaultValue = "" + SurveyPlan.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "Providers enabled together in one session (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws Exception {
        CliErrors.requireWindows("collector survey");
        PrintWriter err = spec.commandLine().getErr();
        List<RegisteredProvider> registered = ProviderEnumeration.registered();
        SurveyPlan plan = SurveyPlan.of(registered, batch, window, stimulus != null);
        err.printf("survey: %d providers registered; %d in %d session(s) of up to %d, %d left alone; %s window(s) of %s "
                        + "per session: about %s in all%n", registered.size(), plan.providerCount(), plan.batches().size(),
                batch, plan.skipped().size(), plan.windowsPerBatch(), ProgressLine.human(window),
                ProgressLine.human(plan.estimatedDuration()));
        err.flush();
        Clock clock = Clock.systemUTC();
        SurveyCollector collector = new SurveyCollector(new NativeEtwApi(), clock, SurveyCollector.sleeping(clock),
                stimulus == null ? null : new StimulusCommand(stimulus, window),
                new ProgressLine(err, System.console() != null));
        Thread stopOnCtrlC = new Thread(collector::abort, "etw-survey-stop");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        SurveyResult result;
        try {
            result = collector.run(plan);
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        }
        SurveyCsv.write(out, result.rows());
        err.println(finalLine(result, out));
        err.flush();
        return 0;
    }

    static String finalLine(SurveyResult result, Path out) {
        SurveyReport report = SurveyReport.of(result.rows());
        String stimulusRuns = result.stimulusRuns().isEmpty() ? ""
                : "; stimulus: " + String.join(", ", result.stimulusRuns().stream().distinct().toList());
        return "survey: wrote " + out + ": " + report.topTalkers().size() + " active, " + report.silentProviders().size()
                + " silent, " + report.notSurveyed().size() + " not surveyed; " + result.eventsLost() + " events and "
                + result.buffersLost() + " buffers lost, " + result.unattributed() + " events of other providers, "
                + result.outsideWindows() + " outside the windows" + stimulusRuns;
    }
}
