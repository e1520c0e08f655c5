package io.mlcycle.trainer.profile;

import io.mlcycle.runtime.drift.BinEdges;
import java.util.Arrays;
import java.util.TreeSet;


/**
 * Bins for one numeric feature: edges at the training values' deciles (the values at ranks
 * {@code round(q * (n - 1))}, q = 0, 0.1 … 1), equal edges merged, and counts by the runtime's {@link BinEdges}.
 *
 * <p>An edge is written as the shortest decimal of its FP32 value (1.1, not 1.100000023841858), which the runtime
 * reads as a double a hair off the float. Counting the training values against those very doubles, with the
 * runtime's own {@code binOf}, makes the reference and live counts agree by construction. A column with one distinct
 * value gets the edges [v, v + 1]; one with no values at all [0, 1] and a count of 0.
 */
public final class NumericBins {

    /** Deciles: 10 bins, 11 edges, before equal edges are merged. */
    static final int BINS = 10;
    /** Most training values the profile lists per numeric feature. */
    static final int QUANTILES = 1001;

    private NumericBins() {
    }

    /** The profile of one feature's training values; NaN (missing) values are not counted. */
    public static FeatureProfile of(String name, float[] values) {
        float[] present = present(values);
        Arrays.sort(present);
        double[] edges = edges(present);
        BinEdges bins = new BinEdges(edges);
        long[] counts = new long[bins.bins()];
        for (float value : present) {
            counts[bins.binOf(value)]++;
        }
        return FeatureProfile.numeric(name, edges, counts, quantiles(present));
    }

    /**
     * The sorted values at ranks {@code round(i (n - 1) / m)}, i = 0 … m, m = min(n - 1, {@value #QUANTILES} - 1):
     * every value up to {@value #QUANTILES} of them, so a small reference is exact (Evidently tests those with KS,
     * whose p-value depends on each value), and a larger one within 1/1000 of each rank. Deterministic, unlike a
     * KLL sketch's random compaction, so the same rows write the same profile.
     */
    static double[] quantiles(float[] sorted) {
        int points = Math.min(sorted.length, QUANTILES);
        double[] quantiles = new double[points];
        for (int i = 0; i < points; i++) {
            int rank = points == 1 ? 0 : (int) Math.round(i * (sorted.length - 1) / (double) (points - 1));
            quantiles[i] = shortestDecimal(sorted[rank]);
        }
        return quantiles;
    }

    static double[] edges(float[] sorted) {
        if (sorted.length == 0) {
            return new double[] {0, 1};
        }
        TreeSet<Double> edges = new TreeSet<>();
        for (int q = 0; q <= BINS; q++) {
            int rank = (int) Math.round(q / (double) BINS * (sorted.length - 1));
            edges.add(shortestDecimal(sorted[rank]));
        }
        if (edges.size() == 1) {
            double only = edges.first();
            double above = only + 1;
            // Far from zero, v + 1 rounds back to v.
            edges.add(above > only ? above : Math.nextUp(only));
        }
        return edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double shortestDecimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    private static float[] present(float[] values) {
        int n = 0;
        float[] present = new float[values.length];
        for (float value : values) {
            if (!Float.isNaN(value)) {
                // -0.0 and 0.0 are one input to the model and must be one edge (edges are strictly increasing).
                present[n++] = value + 0.0f;
            }
        }
        return Arrays.copyOf(present, n);
    }
}
