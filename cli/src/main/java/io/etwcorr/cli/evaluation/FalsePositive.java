package io.etwcorr.cli.evaluation;

/** A benign pair a detector called a beacon, with the ground truth's category of it. */
public record FalsePositive(Pair pair, String processName, String category, boolean fleetService) {
}
