package io.mlcycle.operator.rollout;

/**
 * What the canary did over one analysis interval, as measured by the operator: requests answered (errors included),
 * the failed ones, the 99th-percentile latency, and the shift of its predictions from the stable version's (each
 * figure null when it could not be measured).
 */
public record CanaryFigures(long requests, long errors, Double latencyP99Ms, Double predictionShift,
        String shiftMethod) {
}
