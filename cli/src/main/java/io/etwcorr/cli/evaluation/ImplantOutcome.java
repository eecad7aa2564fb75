package io.etwcorr.cli.evaluation;

import io.etwcorr.simulator.ImplantTruth;

/** One implant (one grid cell) with what each detector made of it. */
public record ImplantOutcome(ImplantTruth truth, ImplantDetection ours, RitaBeaconScore rita) {
}
