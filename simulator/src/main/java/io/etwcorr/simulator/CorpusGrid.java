package io.etwcorr.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The labeled evaluation grid: sleep × jitter × jitter kind × missed fraction × mode × delivery,
 * {@value #FULL_SIZE} cells in all. A cell becomes one implant; {@link #fleet} spreads them over
 * hosts and sizes the simulated time so every implant reaches its minimum number of callbacks.
 *
 * <p>The full product runs the 5 s implants for as long as the 1 h ones need (about a day), so
 * {@link #sample} picks a seeded subset instead: a uniform draw without replacement from the full
 * list, returned in grid order, the same for the same seed and size.
 */
public final class CorpusGrid {
    public static final List<Double> SLEEPS_S = List.of(5.0, 30.0, 60.0, 300.0, 3600.0);
    public static final List<Double> JITTERS = List.of(0.0, 0.1, 0.3, 0.5);
    public static final List<Double> MISSED_FRACTIONS = List.of(0.0, 0.1, 0.2);
    public static final int FULL_SIZE = 5 * 4 * 2 * 3 * 3 * 2;

    private static final long LATEST_START_S = 1800;
    private static final long TAIL_S = 120;
    private static final String[] LABELS = {"cdn", "api", "static", "update", "sync", "img", "telemetry", "assets"};
    private static final String[] WORDS = {"azure-edge", "cloudsvc", "msft-update", "fastcdn", "docs-share", "teams-sync",
        "office-assets", "secure-login", "contoso-files", "global-metrics"};
    private static final String[] TLDS = {"com", "net", "io", "org"};

    private CorpusGrid() {
    }

    /** Every cell, sleeps outermost, deliveries innermost. */
    public static List<GridCell> cells() {
        List<GridCell> cells = new ArrayList<>(FULL_SIZE);
        for (double sleep : SLEEPS_S) {
            for (double jitter : JITTERS) {
                for (JitterKind kind : JitterKind.values()) {
                    for (double missed : MISSED_FRACTIONS) {
                        for (BeaconMode mode : BeaconMode.values()) {
                            for (Delivery delivery : Delivery.values()) {
                                cells.add(new GridCell(sleep, jitter, kind, missed, mode, delivery));
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** {@code count} cells drawn uniformly without replacement with {@code seed}, in grid order. */
    public static List<GridCell> sample(long seed, int count) {
        List<GridCell> all = cells();
        if (count < 0 || count > all.size()) {
            throw new IllegalArgumentException("count must be in [0, " + all.size() + "], got " + count);
        }
        SplittableRandom random = Seeds.random(seed, Seeds.GRID);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            order.set(j, order.set(i, order.get(j)));
        }
        return order.subList(0, count).stream().sorted().map(all::get).toList();
    }

    /**
     * A fleet planting one implant per cell: hosts of {@code implantsPerHost} implants followed by
     * clean hosts; staggered starts, C2 names, injection victims and (for a fifth of the connecting
     * implants) bare-address C2s drawn with {@code seed}; each implant active until it has made
     * {@code minCallbacks} callbacks and run {@code minActiveS}, the fleet as long as the longest.
     */
    public static FleetSpec fleet(long seed, List<GridCell> cells, GridOptions options) {
        SplittableRandom random = Seeds.random(seed, Seeds.GRID, cells.size());
        int implantHosts = (cells.size() + options.implantsPerHost() - 1) / options.implantsPerHost();
        Set<String> domains = new HashSet<>();
        List<ImplantSpec> implants = new ArrayList<>();
        long durationS = 1;
        for (int i = 0; i < cells.size(); i++) {
            GridCell cell = cells.get(i);
            boolean bareAddress = cell.mode() != BeaconMode.DNS_ONLY && random.nextInt(5) == 0;
            String domain = bareAddress ? null : uniqueDomain(random, domains);
            InjectionTarget target = InjectionTarget.values()[random.nextInt(InjectionTarget.values().length)];
            long startAfterS = 30 + random.nextLong(LATEST_START_S);
            ImplantSpec draft = new ImplantSpec(i / options.implantsPerHost(), startAfterS, cell.sleepS(), cell.jitter(),
                    cell.jitterKind(), cell.missedFraction(), cell.mode(), cell.delivery(), target, domain,
                    random.nextBoolean() ? 443 : 8443, 0);
            long activeS = activeSeconds(draft, seed, i, options);
            implants.add(new ImplantSpec(draft.hostIndex(), startAfterS, draft.sleepS(), draft.jitter(), draft.jitterKind(),
                    draft.missedFraction(), draft.mode(), draft.delivery(), target, domain, draft.c2Port(), activeS));
            durationS = Math.max(durationS, startAfterS + ImplantSchedule.FIRST_CALLBACK_AFTER / Micros.SECOND + activeS + TAIL_S);
        }
        return new FleetSpec(seed, implantHosts + options.cleanHosts(), FleetSpec.DEFAULT_START_MICROS, durationS,
                options.rateScale(), implants, BenignMix.defaults());
    }

    // Replays the implant's own schedule (its first slot at time 0 + FIRST_CALLBACK_AFTER) up to its minCallbacks-th callback.
    private static long activeSeconds(ImplantSpec implant, long seed, int index, GridOptions options) {
        ImplantSchedule schedule = new ImplantSchedule(implant, seed, index, 0);
        long last = 0;
        for (int i = 0; i < options.minCallbacks(); i++) {
            last = schedule.nextCallback();
        }
        return Math.max(options.minActiveS(), (last - ImplantSchedule.FIRST_CALLBACK_AFTER) / Micros.SECOND + 1);
    }

    private static String uniqueDomain(SplittableRandom random, Set<String> taken) {
        while (true) {
            String domain = LABELS[random.nextInt(LABELS.length)] + "." + WORDS[random.nextInt(WORDS.length)] + "-"
                    + DnsAnswers.hex(random, 4) + "." + TLDS[random.nextInt(TLDS.length)];
            if (taken.add(domain)) {
                return domain;
            }
        }
    }
}
