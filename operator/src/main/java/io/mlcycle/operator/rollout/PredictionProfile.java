package io.mlcycle.operator.rollout;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.mlcycle.operator.drift.JensenShannon;
import io.mlcycle.operator.drift.NumericColumn;
import io.mlcycle.operator.drift.ProfileWindow;

/**
 * What one revision predicted over a window: per prediction column, a KLL sketch of the numbers or the counts of the
 * categories, as the runtime's {@code /profile} gives them ({@code predictions}), merged across the revision's pods
 * (the sketches' items side by side, counts added). {@link #shift} compares two of them. The runtime profiles a
 * tensor of class scores ({@code [-1, n]}) also as {@code argmax(<tensor>)}, the class each row picks; where both
 * versions have that column, it stands for the tensor: two classifiers are compared by what they decide, so a
 * retrain that is only more or less confident (its scores move between bins) is not read as predicting something
 * else.
 */
public final class PredictionProfile {

    /** The method named in status for {@link #shift}. */
    public static final String METHOD = "jensenShannon";

    /** Bins of a numeric column: equal-width over both versions' range, as a histogram of predictions is read. */
    static final int BINS = 20;

    private final ProfileWindow window = new ProfileWindow("predictions");
    private final Map<String, Map<String, Long>> categorical = window.categorical();

    /** Adds one pod's {@code /profile} answer (its {@code predictions}). */
    public PredictionProfile add(JsonNode profile) {
        window.add(profile);
        return this;
    }

    /** Values recorded in this window, over all columns (0 when nothing was predicted). */
    public long count() {
        long values = Math.round(window.numeric().values().stream().mapToDouble(NumericColumn::count).sum());
        return values + categorical.values().stream().flatMap(c -> c.values().stream()).mapToLong(Long::longValue).sum();
    }

    /**
     * The Jensen–Shannon distance (base 2, 0 to 1) between this window's and {@code other}'s predictions, the largest
     * over the columns both have; empty when either predicted nothing.
     */
    public Optional<Double> shift(PredictionProfile other) {
        double worst = -1;
        for (Map.Entry<String, NumericColumn> column : window.numeric().entrySet()) {
            NumericColumn theirs = other.window.numeric().get(column.getKey());
            if (decidedBy(column.getKey(), other)) {
                continue;
            }
            if (theirs != null && !theirs.isEmpty() && !column.getValue().isEmpty()) {
                worst = Math.max(worst, numericDistance(column.getValue(), theirs));
            }
        }
        for (Map.Entry<String, Map<String, Long>> column : categorical.entrySet()) {
            Map<String, Long> theirs = other.categorical.get(column.getKey());
            if (theirs != null && total(theirs) > 0 && total(column.getValue()) > 0) {
                worst = Math.max(worst, categoricalDistance(column.getValue(), theirs));
            }
        }
        return worst < 0 ? Optional.empty() : Optional.of(worst);
    }

    /** Whether a score column {@code <tensor>[i]} is compared through its tensor's class column instead. */
    private boolean decidedBy(String column, PredictionProfile other) {
        int bracket = column.lastIndexOf('[');
        if (bracket <= 0 || !column.endsWith("]")) {
            return false;
        }
        String classes = "argmax(" + column.substring(0, bracket) + ")";
        return total(categorical.getOrDefault(classes, Map.of())) > 0
                && total(other.categorical.getOrDefault(classes, Map.of())) > 0;
    }

    static double numericDistance(NumericColumn a, NumericColumn b) {
        double low = Math.min(a.min(), b.min());
        double high = Math.max(a.max(), b.max());
        if (high <= low) {
            return 0;
        }
        double[] edges = new double[BINS - 1];
        for (int i = 1; i < BINS; i++) {
            edges[i - 1] = low + (high - low) * i / BINS;
        }
        return distance(mass(a.sharesBelow(edges)), mass(b.sharesBelow(edges)));
    }

    static double categoricalDistance(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> union = new TreeSet<>(a.keySet());
        union.addAll(b.keySet());
        List<String> keys = List.copyOf(union);
        double[] p = new double[keys.size()];
        double[] q = new double[keys.size()];
        double totalA = total(a);
        double totalB = total(b);
        for (int i = 0; i < keys.size(); i++) {
            p[i] = a.getOrDefault(keys.get(i), 0L) / totalA;
            q[i] = b.getOrDefault(keys.get(i), 0L) / totalB;
        }
        return distance(p, q);
    }

    private static double total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bin masses from the shares below each edge, and the rest above the last. */
    private static double[] mass(double[] cdf) {
        double[] mass = new double[cdf.length];
        double below = 0;
        for (int i = 0; i < cdf.length; i++) {
            mass[i] = cdf[i] - below;
            below = cdf[i];
        }
        return mass;
    }

    /** The Jensen–Shannon distance in bits, as scipy's {@code jensenshannon(p, q, base=2)}. */
    static double distance(double[] p, double[] q) {
        return JensenShannon.bits(p, q);
    }
}
