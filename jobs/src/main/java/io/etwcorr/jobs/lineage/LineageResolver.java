package io.etwcorr.jobs.lineage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Walks a host's {@link ProcessTable} up from an alerting process (docs/contract/outputs.md, {@code lineage}
 * and {@code patient_zero}). A process that received remote threads is followed through the last
 * injection up to its first callback, since its code then comes from the injector; any other
 * through its parent. The walk stops at a process the table does not know, at a loop, or at
 * {@link #MAX_DEPTH}, and the alert still goes with what was found.
 */
final class LineageResolver {
    static final int MAX_DEPTH = 64;

    private final ProcessTable table;
    private final Set<String> boundaryNames = new HashSet<>();

    LineageResolver(ProcessTable table, List<String> boundaryProcesses) {
        this.table = table;
        for (String name : boundaryProcesses) {
            boundaryNames.add(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The lineage of process {@code entityId} (PID {@code pid}) whose first callback was at {@code firstCallback} (µs). */
    Lineage resolve(long pid, String entityId, long firstCallback) throws Exception {
        ProcessEntry alerting = table.entry(entityId);
        List<ProcessEntry> chain = new ArrayList<>();
        // links.get(i) says how chain.get(i) descends from chain.get(i + 1).
        List<Edge> links = new ArrayList<>();
        chain.add(alerting == null ? ProcessEntry.unknown(pid, entityId) : alerting);
        Set<String> visited = new HashSet<>();
        visited.add(entityId);
        String chainEnd;
        while (true) {
            ProcessEntry current = chain.get(chain.size() - 1);
            if (chain.size() == MAX_DEPTH) {
                chainEnd = "lineage depth limit " + MAX_DEPTH + " reached";
                break;
            }
            Injection injection = current.lastInjectionUpTo(firstCallback);
            Edge link = injection != null ? Edge.INJECTED : Edge.PARENT;
            String nextId = injection != null ? injection.injectorEntityId : current.parentEntityId;
            ProcessEntry next = table.entry(nextId);
            if (next == null) {
                chainEnd = linkedBy(link) + " unknown";
                break;
            }
            if (!visited.add(nextId)) {
                chainEnd = linkedBy(link) + " chain loops";
                break;
            }
            links.add(link);
            chain.add(next);
        }
        links.add(Edge.ROOT);
        return patientZero(chain, links, chainEnd);
    }

    private Lineage patientZero(List<ProcessEntry> chain, List<Edge> links, String chainEnd) {
        List<LineageLink> rootFirst = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            rootFirst.add(new LineageLink(chain.get(i), links.get(i)));
        }
        Collections.reverse(rootFirst);
        // The alerting process itself is never its own boundary: an injected svchost.exe is still the lead.
        for (int i = 1; i < chain.size(); i++) {
            ProcessEntry boundary = chain.get(i);
            if (isBoundary(boundary)) {
                String reason = i == 1
                        ? "the alerting process itself (" + linkedBy(links.get(0)) + " " + boundary.name + " is a boundary)"
                        : "first non-boundary ancestor below " + boundary.name;
                return new Lineage(rootFirst, chain.get(i - 1), reason);
            }
        }
        String reason = chain.size() == 1
                ? "the alerting process itself (" + chainEnd + ")"
                : "oldest known ancestor (" + chainEnd + ")";
        return new Lineage(rootFirst, chain.get(chain.size() - 1), reason);
    }

    private boolean isBoundary(ProcessEntry process) {
        return process.name != null && boundaryNames.contains(process.name.toLowerCase(Locale.ROOT));
    }

    private static String linkedBy(Edge link) {
        return link == Edge.INJECTED ? "injector" : "parent";
    }
}
