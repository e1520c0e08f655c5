package io.mlcycle.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

import io.mlcycle.api.v1alpha1.CategoricalDriftMethod;
import io.mlcycle.api.v1alpha1.NumericDriftMethod;

/** The configured test, thresholds and their direction, empty columns, and a column read from a sketch. */
class ColumnDriftTest {

    private static final Random RANDOM = new Random(5);

    private static double[] normal(int n, double mean) {
        return RANDOM.doubles(n).map(u -> mean + RANDOM.nextGaussian()).toArray();
    }

    @Test
    void aConfiguredTestAndThresholdReplaceEvidentlysChoice() {
        NumericColumn reference = NumericColumn.of(normal(3000, 0));
        NumericColumn current = NumericColumn.of(normal(3000, 0.3));

        DriftScore chosen = ColumnDrift.numeric(reference, current, NumericDriftMethod.auto, null).orElseThrow();
        assertThat(chosen.test()).isEqualTo(DriftStatistic.WASSERSTEIN);
        assertThat(chosen.threshold()).isEqualTo(0.1);
        assertThat(chosen.drifted()).isTrue();

        DriftScore lenient = ColumnDrift.numeric(reference, current, NumericDriftMethod.wasserstein, 0.5).orElseThrow();
        assertThat(lenient.score()).isEqualTo(chosen.score());
        assertThat(lenient.drifted()).as("0.3 std moved, 0.5 allowed").isFalse();

        DriftScore ks = ColumnDrift.numeric(reference, current, NumericDriftMethod.ks, null).orElseThrow();
        assertThat(ks.test().pValue()).isTrue();
        assertThat(ks.drifted()).as("a p-value below 0.05 is drift").isTrue();
    }

    @Test
    void aColumnWithoutValuesHasNoVerdict() {
        assertThat(ColumnDrift.numeric(NumericColumn.of(1, 2, 3), NumericColumn.of(Double.NaN),
                NumericDriftMethod.auto, null)).isEmpty();
        assertThat(ColumnDrift.categorical(CategoryCounts.of("a"), CategoryCounts.of(),
                CategoricalDriftMethod.auto, null)).isEmpty();
    }

    @Test
    void aSketchedColumnAnswersAsItsValuesWithinTheRankError() {
        double[] values = normal(20000, 2);
        KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(200);
        for (double value : values) {
            sketch.update(value);
        }
        NumericColumn exact = NumericColumn.of(values);
        NumericColumn sketched = NumericColumn.of(sketch);

        assertThat(sketched.count()).isEqualTo(20000);
        assertThat(sketched.min()).isEqualTo(exact.min());
        assertThat(sketched.max()).isEqualTo(exact.max());
        double error = sketch.getNormalizedRankError(false);
        for (double x : new double[] {0, 1, 2, 3, 4}) {
            assertThat(sketched.cdf(x)).as("CDF at " + x).isCloseTo(exact.cdf(x), within(error));
        }
        assertThat(sketched.std()).isCloseTo(exact.std(), within(0.05));
    }

    @Test
    void aReferencesQuantilesStandForTheTrainingValues() {
        NumericColumn exact = NumericColumn.ofQuantiles(new double[] {1, 2, 2, 5}, 4);
        assertThat(exact.count()).isEqualTo(4);
        assertThat(exact.cdf(2)).isEqualTo(0.75);

        double[] values = normal(100_000, 0);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] quantiles = new double[1001];
        for (int i = 0; i < quantiles.length; i++) {
            quantiles[i] = sorted[(int) Math.round(i * (sorted.length - 1) / 1000.0)];
        }
        NumericColumn reference = NumericColumn.ofQuantiles(quantiles, sorted.length);
        NumericColumn live = NumericColumn.of(normal(5000, 0));
        assertThat(reference.count()).isEqualTo(100_000);
        assertThat(NumericTests.ksStatistic(reference, NumericColumn.of(values))).isLessThan(0.002);
        assertThat(NumericTests.wasserstein(reference, live)).isCloseTo(
                NumericTests.wasserstein(NumericColumn.of(values), live), within(0.005));
    }

    @Test
    void pValuesDriftBelowTheirThresholdAndDistancesAtOrAboveIt() {
        assertThat(DriftStatistic.KS.drifted(0.05, 0.05)).isTrue();
        assertThat(DriftStatistic.CHI_SQUARE.drifted(0.05, 0.05)).isFalse();
        assertThat(DriftStatistic.Z.drifted(0.049, 0.05)).isTrue();
        assertThat(DriftStatistic.JENSEN_SHANNON.drifted(0.1, 0.1)).isTrue();
        assertThat(DriftStatistic.PSI.drifted(0.099, 0.1)).isFalse();
    }
}
