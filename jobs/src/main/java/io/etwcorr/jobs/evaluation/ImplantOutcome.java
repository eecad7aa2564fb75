package io.etwcorr.jobs.evaluation;

import io.etwcorr.collector.simulate.ImplantTruth;

/** One implant (one grid cell) with what each detector made of it. */
public record ImplantOutcome(ImplantTruth truth, ImplantDetection ours, RitaBeaconScore rita) {
}
