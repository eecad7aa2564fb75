package io.etwcorr.simulator;

/** One combination of beacon parameters in the evaluation grid. */
public record GridCell(double sleepS, double jitter, JitterKind jitterKind, double missedFraction, BeaconMode mode, Delivery delivery) {
}
