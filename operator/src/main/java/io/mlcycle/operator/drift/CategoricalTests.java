package io.mlcycle.operator.drift;

import java.util.TreeSet;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Evidently's tests of a categorical column (or of a numeric one with few values, counted by value), reference
 * first: the chi-square goodness-of-fit p-value of the current counts against the reference's shares, the Z-test of
 * two proportions for two categories, PSI and the Jensen-Shannon distance of the shares.
 */
public final class CategoricalTests {

    private CategoricalTests() {
    }

    /**
     * scipy's {@code chisquare(f_obs, f_exp)} as Evidently calls it: expected counts are the reference's scaled to the
     * current total. A category the reference never had is expected 0 times, which makes the statistic infinite and
     * the p-value 0 (scipy's answer too).
     */
    public static double chiSquare(CategoryCounts reference, CategoryCounts current) {
        TreeSet<String> keys = new TreeSet<>(reference.counts().keySet());
        keys.addAll(current.counts().keySet());
        if (keys.size() < 2) {
            return 1;
        }
        double scale = current.count() / reference.count();
        double statistic = 0;
        for (String key : keys) {
            double expected = reference.countOf(key) * scale;
            double observed = current.countOf(key);
            if (expected == 0) {
                return 0;
            }
            statistic += (observed - expected) * (observed - expected) / expected;
        }
        return Math.max(0, 1 - new ChiSquaredDistribution(null, keys.size() - 1).cumulativeProbability(statistic));
    }

    /**
     * Evidently's two-sided Z-test of the share of rows not in the first category (in sorted order; with two
     * categories the order only flips the sign); 1 when both columns hold the same single value.
     */
    public static double z(CategoryCounts reference, CategoryCounts current) {
        TreeSet<String> keys = new TreeSet<>(reference.counts().keySet());
        keys.addAll(current.counts().keySet());
        if (keys.size() == 1) {
            return 1;
        }
        String first = keys.first();
        double n1 = reference.count();
        double n2 = current.count();
        double p1 = (n1 - reference.countOf(first)) / n1;
        double p2 = (n2 - current.countOf(first)) / n2;
        double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
        double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        return 2 * (1 - new NormalDistribution(null, 0, 1).cumulativeProbability(Math.abs(z)));
    }

    public static double psi(CategoryCounts reference, CategoryCounts current) {
        return psi(Binning.of(reference, current, true));
    }

    public static double jensenShannon(CategoryCounts reference, CategoryCounts current) {
        return jensenShannon(Binning.of(reference, current, false));
    }

    static double psi(Binning.Shares shares) {
        double psi = 0;
        for (int i = 0; i < shares.reference().length; i++) {
            double r = shares.reference()[i];
            double c = shares.current()[i];
            psi += (r - c) * Math.log(r / c);
        }
        return psi;
    }

    static double jensenShannon(Binning.Shares shares) {
        return JensenShannon.distance(shares.reference(), shares.current());
    }
}
