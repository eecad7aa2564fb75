package io.etwcorr.cli.evaluation;

/** A (process entity, destination) pair: the unit both detectors score and the report counts. */
public record Pair(String entityId, String destination) {

    /**
     * Whether {@code observed} names the ground truth's {@code destination}: the same name or
     * {@code ip:port}, or a parent domain of it — DNS-only callbacks are grouped by the
     * registrable domain, since each lookup asks for a fresh subdomain.
     */
    public static boolean sameDestination(String destination, String observed) {
        return destination.equals(observed) || destination.endsWith("." + observed);
    }
}
