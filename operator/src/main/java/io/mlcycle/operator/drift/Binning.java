package io.mlcycle.operator.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The shares PSI and Jensen-Shannon compare, as Evidently's {@code get_binned_data} makes them: a numeric column whose
 * reference has more than 20 distinct values goes into equal-width bins over both columns' range, as many as
 * Sturges' rule gives for both columns' size together ({@code numpy.histogram_bin_edges(..., "sturges")}, the last
 * bin closed); any other column is counted by value over the values of both. For PSI, empty shares are filled
 * with a small number so the logarithm is defined.
 */
final class Binning {

    /** Reference distinct values above which a numeric column is binned rather than counted by value. */
    static final int MAX_COUNTED_VALUES = 20;

    /** Two aligned share vectors: reference first. */
    record Shares(double[] reference, double[] current) {
    }

    private Binning() {
    }

    static Shares of(NumericColumn reference, NumericColumn current, boolean fillZeroes) {
        if (reference.distinct() <= MAX_COUNTED_VALUES) {
            return of(CategoryCounts.of(reference), CategoryCounts.of(current), fillZeroes);
        }
        double[] edges = sturgesEdges(reference, current);
        return filled(histogram(reference, edges), histogram(current, edges), fillZeroes);
    }

    static Shares of(CategoryCounts reference, CategoryCounts current, boolean fillZeroes) {
        TreeSet<String> keys = new TreeSet<>(reference.counts().keySet());
        keys.addAll(current.counts().keySet());
        List<String> ordered = new ArrayList<>(keys);
        double[] r = new double[ordered.size()];
        double[] c = new double[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            r[i] = reference.countOf(ordered.get(i)) / reference.count();
            c[i] = current.countOf(ordered.get(i)) / current.count();
        }
        return filled(r, c, fillZeroes);
    }

    /** numpy's edges for {@code bins="sturges"} over both columns, from {@code linspace(first, last, n + 1)}. */
    static double[] sturgesEdges(NumericColumn reference, NumericColumn current) {
        double first = Math.min(reference.min(), current.min());
        double last = Math.max(reference.max(), current.max());
        double size = reference.count() + current.count();
        int bins = 1;
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        } else {
            double width = (last - first) / (Math.log(size) / Math.log(2) + 1);
            bins = (int) Math.ceil((last - first) / width);
        }
        double[] edges = new double[bins + 1];
        double step = (last - first) / bins;
        for (int i = 0; i < bins; i++) {
            edges[i] = i * step + first;
        }
        edges[bins] = last;
        return edges;
    }

    /** Shares in {@code [e_i, e_i+1)}, the last bin closed, as {@code numpy.histogram} with explicit edges counts. */
    private static double[] histogram(NumericColumn column, double[] edges) {
        double[] shares = new double[edges.length - 1];
        for (int i = 0; i < shares.length; i++) {
            double upTo = i == shares.length - 1 ? column.atMost(edges[i + 1]) : column.below(edges[i + 1]);
            shares[i] = (upTo - column.below(edges[i])) / column.count();
        }
        return shares;
    }

    static Shares filled(double[] reference, double[] current, boolean fillZeroes) {
        if (fillZeroes) {
            fill(reference);
            fill(current);
        }
        return new Shares(reference, current);
    }

    /** Evidently's {@code feel_zeroes}: an empty share becomes 0.0001, or the smallest share / 10^6 if that is less. */
    private static void fill(double[] shares) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double share : shares) {
            if (share > 0) {
                smallest = Math.min(smallest, share);
            }
        }
        double filler = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        for (int i = 0; i < shares.length; i++) {
            if (shares[i] == 0) {
                shares[i] = filler;
            }
        }
    }
}
