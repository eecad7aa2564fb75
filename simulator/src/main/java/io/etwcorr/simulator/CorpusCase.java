package io.etwcorr.simulator;

import java.util.List;

/**
 * One named hard case of the detection corpus: an implant the engine must find (with its process,
 * lineage and patient zero), or a benign behaviour it must not alert on, or an ambiguous one.
 *
 * @param name        short name, the row of the per-case table
 * @param description what it is, as an attacker or a messy network does it
 * @param implants    indexes in the fleet's implants of the case's implants (empty for a benign case)
 * @param benign      the benign category whose labelled pairs are the case (null for an implant case)
 * @param destination for a benign case, the destination whose pairs are the case (null: every pair of the category)
 * @param expectAlert whether a correct engine alerts: true for implants, false for benign cases, null when ambiguous
 */
public record CorpusCase(String name, String description, List<Integer> implants, BenignCategory benign,
        String destination, Boolean expectAlert) {

    public CorpusCase {
        implants = List.copyOf(implants);
    }

    static CorpusCase implant(String name, String description, Integer... implants) {
        return new CorpusCase(name, description, List.of(implants), null, null, true);
    }

    static CorpusCase benign(String name, String description, BenignCategory category, String destination, Boolean expectAlert) {
        return new CorpusCase(name, description, List.of(), category, destination, expectAlert);
    }

    public boolean isImplant() {
        return !implants.isEmpty();
    }
}
