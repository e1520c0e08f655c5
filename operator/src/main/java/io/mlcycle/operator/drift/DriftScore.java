package io.mlcycle.operator.drift;

/** One column's test result: which test, its score, the threshold it was held to, and the verdict. */
public record DriftScore(DriftStatistic test, double score, double threshold, boolean drifted) {
}
