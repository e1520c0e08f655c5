package io.mlcycle.operator.drift;

import java.util.Optional;
import java.util.TreeSet;

import io.mlcycle.api.v1alpha1.CategoricalDriftMethod;
import io.mlcycle.api.v1alpha1.NumericDriftMethod;

/**
 * One column's drift verdict: the configured test, or for {@code auto} the one Evidently's DataDriftPreset picks —
 * a reference of at most 1000 rows gets KS (chi-square, or Z for two values, when both columns hold at most 5
 * distinct numbers; chi-square or Z for categories), a larger one the normed Wasserstein distance (Jensen-Shannon
 * for at most 5 distinct numbers, and for categories). A threshold left unset is the test's Evidently default.
 */
public final class ColumnDrift {

    /** Reference rows up to which Evidently tests for significance rather than measuring a distance. */
    static final double SMALL_REFERENCE = 1000;
    /** Distinct values of both numeric columns up to which Evidently tests them as categories. */
    static final int FEW_VALUES = 5;

    private ColumnDrift() {
    }

    public static DriftStatistic choose(NumericColumn reference, NumericColumn current) {
        int values = NumericTests.union(reference, current).length;
        if (reference.count() <= SMALL_REFERENCE) {
            return values > FEW_VALUES ? DriftStatistic.KS : values > 2 ? DriftStatistic.CHI_SQUARE : DriftStatistic.Z;
        }
        return values > FEW_VALUES ? DriftStatistic.WASSERSTEIN : DriftStatistic.JENSEN_SHANNON;
    }

    public static DriftStatistic choose(CategoryCounts reference, CategoryCounts current) {
        if (reference.count() <= SMALL_REFERENCE) {
            return distinct(reference, current) > 2 ? DriftStatistic.CHI_SQUARE : DriftStatistic.Z;
        }
        return DriftStatistic.JENSEN_SHANNON;
    }

    /** The verdict on a numeric column; empty when either column has no values. */
    public static Optional<DriftScore> numeric(NumericColumn reference, NumericColumn current, NumericDriftMethod method,
            Double threshold) {
        if (reference.isEmpty() || current.isEmpty()) {
            return Optional.empty();
        }
        DriftStatistic test = switch (method == null ? NumericDriftMethod.auto : method) {
            case auto -> choose(reference, current);
            case ks -> DriftStatistic.KS;
            case wasserstein -> DriftStatistic.WASSERSTEIN;
            case psi -> DriftStatistic.PSI;
            case jensenShannon -> DriftStatistic.JENSEN_SHANNON;
        };
        return Optional.of(test.judge(score(test, reference, current), threshold));
    }

    /** The verdict on a categorical column; empty when either column has no values. */
    public static Optional<DriftScore> categorical(CategoryCounts reference, CategoryCounts current,
            CategoricalDriftMethod method, Double threshold) {
        if (reference.count() <= 0 || current.count() <= 0) {
            return Optional.empty();
        }
        DriftStatistic test = switch (method == null ? CategoricalDriftMethod.auto : method) {
            case auto -> choose(reference, current);
            case chiSquare -> DriftStatistic.CHI_SQUARE;
            case jensenShannon -> DriftStatistic.JENSEN_SHANNON;
        };
        return Optional.of(test.judge(score(test, reference, current), threshold));
    }

    static double score(DriftStatistic test, NumericColumn reference, NumericColumn current) {
        return switch (test) {
            case KS -> NumericTests.ks(reference, current);
            case WASSERSTEIN -> NumericTests.wasserstein(reference, current);
            case PSI -> NumericTests.psi(reference, current);
            case JENSEN_SHANNON -> NumericTests.jensenShannon(reference, current);
            case CHI_SQUARE, Z -> score(test, CategoryCounts.of(reference), CategoryCounts.of(current));
        };
    }

    static double score(DriftStatistic test, CategoryCounts reference, CategoryCounts current) {
        return switch (test) {
            case CHI_SQUARE -> CategoricalTests.chiSquare(reference, current);
            case Z -> CategoricalTests.z(reference, current);
            case PSI -> CategoricalTests.psi(reference, current);
            case JENSEN_SHANNON -> CategoricalTests.jensenShannon(reference, current);
            case KS, WASSERSTEIN -> throw new IllegalArgumentException(test.label() + " needs numbers, not categories");
        };
    }

    private static int distinct(CategoryCounts a, CategoryCounts b) {
        TreeSet<String> keys = new TreeSet<>(a.counts().keySet());
        keys.addAll(b.counts().keySet());
        return keys.size();
    }
}
