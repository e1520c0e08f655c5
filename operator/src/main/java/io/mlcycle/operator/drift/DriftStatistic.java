package io.mlcycle.operator.drift;

/**
 * A drift test as Evidently names and judges it: its default threshold and which side of it is drift (a p-value at
 * or below it for KS, below it for chi-square and Z; a distance at or above it for the others).
 */
public enum DriftStatistic {
    KS("ks", 0.05),
    WASSERSTEIN("wasserstein", 0.1),
    PSI("psi", 0.1),
    JENSEN_SHANNON("jensenShannon", 0.1),
    CHI_SQUARE("chiSquare", 0.05),
    Z("z", 0.05);

    private final String label;
    private final double defaultThreshold;

    DriftStatistic(String label, double defaultThreshold) {
        this.label = label;
        this.defaultThreshold = defaultThreshold;
    }

    /** The name in status and in the CRD's method fields. */
    public String label() {
        return label;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** Whether the score is a p-value (small is drift) rather than a distance (large is drift). */
    public boolean pValue() {
        return this == KS || this == CHI_SQUARE || this == Z;
    }

    /** Evidently's verdict: {@code p <= t} for KS, {@code p < t} for chi-square and Z, {@code d >= t} otherwise. */
    public boolean drifted(double score, double threshold) {
        return switch (this) {
            case KS -> score <= threshold;
            case CHI_SQUARE, Z -> score < threshold;
            default -> score >= threshold;
        };
    }

    /** A score judged against a threshold (the default when null). */
    public DriftScore judge(double score, Double threshold) {
        double limit = threshold == null ? defaultThreshold : threshold;
        return new DriftScore(this, score, limit, drifted(score, limit));
    }
}
