package io.etwcorr.cli.evaluation;

import io.etwcorr.simulator.BenignCategory;
import io.etwcorr.simulator.BenignTruth;
import io.etwcorr.simulator.GroundTruth;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The benign (process, destination) pairs of a corpus — the denominator of the false-positive
 * rate: the ground truth's labelled periodic pairs plus every distinct pair of an outbound
 * connection that is not an implant's C2. Benign DNS-only lookups without a connection are not
 * counted (no output names them), which makes the denominator smaller and the rate conservative.
 */
public final class BenignPairs {
    /** The category of a false positive on a pair the ground truth does not label (browsing, admin tools...). */
    public static final String UNLABELLED = "unlabelled";
    /** The category of a pair of an implant's process and a destination that is not its C2. */
    public static final String IMPLANT_PROCESS = "implant_process_other_destination";

    private final GroundTruth truth;
    private final Set<Pair> pairs;

    private BenignPairs(GroundTruth truth, Set<Pair> pairs) {
        this.truth = truth;
        this.pairs = pairs;
    }

    public static BenignPairs of(GroundTruth truth, List<ObservedConnection> connections) {
        Set<Pair> pairs = new TreeSet<>(Comparator.comparing(Pair::entityId).thenComparing(Pair::destination));
        truth.benign().forEach(benign -> pairs.add(new Pair(benign.entityId(), benign.destination())));
        connections.stream().map(ObservedConnection::pair).filter(pair -> !isImplant(truth, pair)).forEach(pairs::add);
        return new BenignPairs(truth, pairs);
    }

    public int count() {
        return pairs.size();
    }

    static boolean isImplant(GroundTruth truth, Pair pair) {
        return truth.implants().stream().anyMatch(implant -> implant.process(pair.entityId()).isPresent()
                && Pair.sameDestination(implant.destination(), pair.destination()));
    }

    /**
     * The ground truth's category of the pair ({@code fleet_service}...), {@value #IMPLANT_PROCESS}
     * when an implant's process talks to a destination other than its C2, or {@value #UNLABELLED}.
     */
    public String category(Pair pair) {
        if (truth.implants().stream().anyMatch(implant -> implant.process(pair.entityId()).isPresent())) {
            return IMPLANT_PROCESS;
        }
        return truth.benign().stream()
                .filter(benign -> benign.entityId().equals(pair.entityId()) && Pair.sameDestination(benign.destination(), pair.destination()))
                .map(benign -> categoryName(benign.category()))
                .findFirst().orElse(UNLABELLED);
    }

    /** Whether the pair's destination is one that fleet services poll, from whichever process. */
    public boolean isFleetServiceDestination(Pair pair) {
        return fleetServiceDestinations().stream().anyMatch(destination -> Pair.sameDestination(destination, pair.destination()));
    }

    /** How many labelled pairs of each category the corpus has. */
    public Map<String, Long> labelledByCategory() {
        return truth.benign().stream().collect(Collectors.groupingBy(benign -> categoryName(benign.category()),
                TreeMap::new, Collectors.counting()));
    }

    private Set<String> fleetServiceDestinations() {
        return truth.benign().stream().filter(benign -> benign.category() == BenignCategory.FLEET_SERVICE)
                .map(BenignTruth::destination).collect(Collectors.toSet());
    }

    static String categoryName(BenignCategory category) {
        return category.name().toLowerCase(Locale.ROOT);
    }
}
