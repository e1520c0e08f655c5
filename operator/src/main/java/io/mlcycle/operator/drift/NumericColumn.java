package io.mlcycle.operator.drift;

import java.util.Arrays;
import java.util.List;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * One numeric column's distribution as its distinct values and their weights (missing values left out): exact, from
 * the values themselves, or as a KLL sketch keeps it (retained items weighted by their level), which is what a
 * sketch's CDF and quantiles answer from. Every statistic here reads the column through this view, so an exact
 * column and a sketched one are judged by the same code.
 */
public final class NumericColumn {

    private final double[] values;
    private final double[] cumulative;
    private double std = Double.NaN;

    private NumericColumn(double[] values, double[] cumulative) {
        this.values = values;
        this.cumulative = cumulative;
    }

    /** The column of these values; NaN (missing) and infinite ones are left out, as Evidently drops them. */
    public static NumericColumn of(double... raw) {
        double[] sorted = Arrays.stream(raw).filter(Double::isFinite).sorted().toArray();
        int distinct = 0;
        double[] values = new double[sorted.length];
        double[] cumulative = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            if (distinct == 0 || sorted[i] != values[distinct - 1]) {
                values[distinct++] = sorted[i];
            }
            cumulative[distinct - 1] = i + 1;
        }
        return new NumericColumn(Arrays.copyOf(values, distinct), Arrays.copyOf(cumulative, distinct));
    }

    /**
     * The column a reference profile's {@code quantiles} describe: values at evenly spaced ranks of {@code count}
     * values, each standing for an equal share of them (all of them, one each, when there are as many as values).
     */
    public static NumericColumn ofQuantiles(double[] quantiles, double count) {
        NumericColumn points = of(quantiles);
        double scale = points.count() == 0 ? 0 : count / points.count();
        double[] cumulative = new double[points.cumulative.length];
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] = points.cumulative[i] * scale;
        }
        return new NumericColumn(points.values, cumulative);
    }

    /** Values with weights (increasing values, positive weights), e.g. points standing for a histogram's bins. */
    static NumericColumn weighted(double[] increasing, double[] weights) {
        double[] values = new double[weights.length];
        double[] cumulative = new double[weights.length];
        int kept = 0;
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                total += weights[i];
                values[kept] = increasing[i];
                cumulative[kept++] = total;
            }
        }
        return new NumericColumn(Arrays.copyOf(values, kept), Arrays.copyOf(cumulative, kept));
    }

    /** The column a KLL sketch summarizes: its retained items, each weighing what it stands for. */
    public static NumericColumn of(KllDoublesSketch sketch) {
        return of(List.of(sketch));
    }

    /**
     * The column several KLL sketches summarize together (e.g. one per pod): all their retained items, each weighing
     * what it stands for, as their merge would hold them before compacting.
     */
    public static NumericColumn of(List<KllDoublesSketch> sketches) {
        NumericColumn union = new NumericColumn(new double[0], new double[0]);
        for (KllDoublesSketch sketch : sketches) {
            if (!sketch.isEmpty()) {
                DoublesSortedView view = sketch.getSortedView();
                union = union.with(view.getQuantiles(), view.getCumulativeWeights());
            }
        }
        return union;
    }

    /** This column and sorted items with their cumulative weights, merged as two sorted runs are. */
    private NumericColumn with(double[] items, long[] weights) {
        double[] merged = new double[values.length + items.length];
        double[] total = new double[merged.length];
        int distinct = 0;
        int mine = 0;
        int theirs = 0;
        double sum = 0;
        while (mine < values.length || theirs < items.length) {
            double value;
            if (theirs == items.length || mine < values.length && values[mine] <= items[theirs]) {
                value = values[mine];
                sum += weight(mine++);
            } else {
                value = items[theirs];
                sum += weights[theirs] - (theirs == 0 ? 0 : weights[theirs - 1]);
                theirs++;
            }
            if (distinct == 0 || value != merged[distinct - 1]) {
                merged[distinct++] = value;
            }
            total[distinct - 1] = sum;
        }
        return new NumericColumn(Arrays.copyOf(merged, distinct), Arrays.copyOf(total, distinct));
    }

    /** How many values (the total weight). */
    public double count() {
        return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    public boolean isEmpty() {
        return values.length == 0;
    }

    /** The distinct values, in increasing order. */
    double[] values() {
        return values.clone();
    }

    int distinct() {
        return values.length;
    }

    /** The smallest value (the column must not be empty). */
    public double min() {
        return values[0];
    }

    /** The largest value (the column must not be empty). */
    public double max() {
        return values[values.length - 1];
    }

    /** Weight of the values at most {@code x}. */
    double atMost(double x) {
        int index = Arrays.binarySearch(values, x);
        int last = index >= 0 ? index : -index - 2;
        return last < 0 ? 0 : cumulative[last];
    }

    /** Weight of the values below {@code x}. */
    double below(double x) {
        int index = Arrays.binarySearch(values, x);
        int last = (index >= 0 ? index : -index - 1) - 1;
        return last < 0 ? 0 : cumulative[last];
    }

    /** Weight of the i-th distinct value. */
    double weight(int i) {
        return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }

    /** Fraction of the values at most {@code x}: the empirical CDF. */
    double cdf(double x) {
        return atMost(x) / count();
    }

    /** {@link #cdf} at each of these increasing points, in one sweep (no search per point). */
    double[] cdf(double[] increasing) {
        double[] fractions = new double[increasing.length];
        double total = count();
        int next = 0;
        for (int i = 0; i < increasing.length; i++) {
            while (next < values.length && values[next] <= increasing[i]) {
                next++;
            }
            fractions[i] = next == 0 ? 0 : cumulative[next - 1] / total;
        }
        return fractions;
    }

    /**
     * The share of the values below each of these increasing edges, then 1: a histogram's cumulative masses, as a
     * KLL sketch's exclusive {@code getCDF} answers.
     */
    public double[] sharesBelow(double[] increasing) {
        double[] shares = new double[increasing.length + 1];
        double total = count();
        for (int i = 0; i < increasing.length; i++) {
            shares[i] = below(increasing[i]) / total;
        }
        shares[increasing.length] = 1;
        return shares;
    }

    double mean() {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * weight(i);
        }
        return sum / count();
    }

    /**
     * The population standard deviation (numpy's {@code std}, ddof 0), kept once computed: a cached reference is read
     * every window. Threads that race compute the same value.
     */
    double std() {
        if (Double.isNaN(std)) {
            std = computeStd();
        }
        return std;
    }

    private double computeStd() {
        double mean = mean();
        double squares = 0;
        for (int i = 0; i < values.length; i++) {
            squares += (values[i] - mean) * (values[i] - mean) * weight(i);
        }
        return Math.sqrt(squares / count());
    }
}
