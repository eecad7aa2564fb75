package io.etwcorr.simulator;

/**
 * How {@link CorpusGrid} lays a set of cells out over a fleet.
 *
 * @param implantsPerHost at most this many implants share a host (at most {@value BootedHost#SPARE_SVCHOSTS})
 * @param cleanHosts      hosts without any implant, so fleet prevalence has a benign baseline
 * @param rateScale       the fleet's benign rate scale; keep it low, the corpus spans many hours
 * @param minCallbacks    every implant beacons at least this many times
 * @param minActiveS      and for at least this many seconds
 */
public record GridOptions(int implantsPerHost, int cleanHosts, double rateScale, int minCallbacks, long minActiveS) {
    public GridOptions {
        if (implantsPerHost < 1 || implantsPerHost > BootedHost.SPARE_SVCHOSTS) {
            throw new IllegalArgumentException("implantsPerHost must be in [1, " + BootedHost.SPARE_SVCHOSTS + "]");
        }
        if (cleanHosts < 0 || minCallbacks < 1 || minActiveS < 0 || !(rateScale >= 0)) {
            throw new IllegalArgumentException("invalid grid options");
        }
    }

    /** 4 implants per host, 8 clean hosts, a tenth of office rates, ≥ 15 callbacks and ≥ 1 h per implant. */
    public static GridOptions defaults() {
        return new GridOptions(4, 8, 0.1, 15, 3600);
    }
}
