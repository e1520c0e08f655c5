package io.mlcycle.operator.rollout;

/**
 * What the canary did over one analysis interval, as measured by the operator: requests answered (errors included),
 * the failed ones, the 99th-percentile latency, the shift of its predictions from the stable version's (each figure
 * null when it could not be measured), and while mirrored, how many of its predictions agreed with the stable
 * version's answers to the same requests.
 */
public record CanaryFigures(long requests, long errors, Double latencyP99Ms, Double predictionShift,
        String shiftMethod, MirrorAgreement agreement) {

    public CanaryFigures(long requests, long errors, Double latencyP99Ms, Double predictionShift, String shiftMethod) {
        this(requests, errors, latencyP99Ms, predictionShift, shiftMethod, MirrorAgreement.NONE);
    }

    public CanaryFigures withAgreement(MirrorAgreement compared) {
        return new CanaryFigures(requests, errors, latencyP99Ms, predictionShift, shiftMethod, compared);
    }
}
