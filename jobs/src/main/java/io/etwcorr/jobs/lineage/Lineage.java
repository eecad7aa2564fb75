package io.etwcorr.jobs.lineage;

import java.util.List;

/**
 * The chain of an alerting process, oldest known ancestor first and the alerting process last, with
 * the process the investigation starts from and why.
 */
record Lineage(List<LineageLink> links, ProcessEntry patientZero, String patientZeroReason) {

    ProcessEntry alerting() {
        return links.get(links.size() - 1).process();
    }

    boolean hasInjection() {
        return links.stream().anyMatch(link -> link.edge() == Edge.INJECTED);
    }
}
