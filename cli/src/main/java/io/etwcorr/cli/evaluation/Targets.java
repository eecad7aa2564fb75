package io.etwcorr.cli.evaluation;

import io.etwcorr.simulator.ImplantTruth;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The targets, each measured for our detector and for RITA's beacon score. */
public final class Targets {
    /** Per 10,000 benign pairs. */
    static final double FALSE_POSITIVES_PER = 10_000;
    static final int FIRST_ALERT_WITHIN = 10;

    private Targets() {
    }

    /** One line of the summary; {@code rita} null where RITA cannot be measured. */
    public record Row(String name, String target, String ours, boolean oursPasses, String rita, Boolean ritaPasses) {
    }

    public static boolean lowJitter(ImplantTruth implant) {
        return implant.jitter() <= 0.3;
    }

    public static boolean highJitterFewMissed(ImplantTruth implant) {
        return implant.jitter() >= 0.5 && implant.missedFraction() <= 0.1;
    }

    public static boolean slowAlert(ImplantOutcome outcome) {
        return outcome.ours().detected() && outcome.ours().callbacksUntilFirstAlert() > FIRST_ALERT_WITHIN;
    }

    public static double perTenThousand(int falsePositives, int benignPairs) {
        return benignPairs == 0 ? 0 : falsePositives * FALSE_POSITIVES_PER / benignPairs;
    }

    public static List<Row> rows(EvaluationResult result) {
        List<ImplantOutcome> implants = result.implants();
        Rate oursLow = recall(implants, Targets::lowJitter, true);
        Rate ritaLow = recall(implants, Targets::lowJitter, false);
        Rate oursHigh = recall(implants, Targets::highJitterFewMissed, true);
        Rate ritaHigh = recall(implants, Targets::highJitterFewMissed, false);
        List<ImplantOutcome> detected = implants.stream().filter(outcome -> outcome.ours().detected()).toList();
        Rate quick = Rate.of(detected, outcome -> !slowAlert(outcome));
        double oursRate = perTenThousand(result.ours().size(), result.benignPairs());
        double ritaRate = perTenThousand(result.rita().size(), result.benignPairs());
        long oursFleet = result.ours().stream().filter(FalsePositive::fleetService).count();
        long ritaFleet = result.rita().stream().filter(FalsePositive::fleetService).count();
        return List.of(
                new Row("Recall, jitter ≤ 30 %", "≥ 0.99", oursLow.toString(), oursLow.atLeast(0.99), ritaLow.toString(), ritaLow.atLeast(0.99)),
                new Row("Recall, 50 % jitter, ≤ 10 % missed", "≥ 0.95", oursHigh.toString(), oursHigh.atLeast(0.95),
                        ritaHigh.toString(), ritaHigh.atLeast(0.95)),
                new Row("First alert within " + FIRST_ALERT_WITHIN + " callbacks (of detected)", "all", quick.toString(),
                        quick.total() > 0 && quick.hits() == quick.total(), "n/a (batch)", null),
                new Row("False positives per 10,000 benign pairs", "≤ 1",
                        String.format(Locale.ROOT, "%.1f (%d)", oursRate, result.ours().size()), oursRate <= 1,
                        String.format(Locale.ROOT, "%.1f (%d)", ritaRate, result.rita().size()), ritaRate <= 1),
                new Row("Alerts on fleet-wide polling services", "0", Long.toString(oursFleet), oursFleet == 0,
                        Long.toString(ritaFleet), ritaFleet == 0));
    }

    /** Recall of ours ({@code ours} true) or RITA over the implants {@code which} selects. */
    public static Rate recall(List<ImplantOutcome> implants, Predicate<ImplantTruth> which, boolean ours) {
        List<ImplantOutcome> selected = implants.stream().filter(outcome -> which.test(outcome.truth())).toList();
        return Rate.of(selected, outcome -> ours ? outcome.ours().detected() : outcome.rita().isBeacon());
    }
}
