package io.mlcycle.trainer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcycle.runtime.drift.BinEdges;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decile bins of numeric training values, counted as the runtime counts live values. */
class NumericBinsTest {

    @Test
    void edgesAtDecilesAndTheLastBinClosed() {
        float[] values = new float[101];
        for (int i = 0; i < values.length; i++) {
            values[i] = 101 - i; // order does not matter
        }

        FeatureProfile profile = NumericBins.of("x", values);

        assertThat(profile.binEdges()).containsExactly(1, 11, 21, 31, 41, 51, 61, 71, 81, 91, 101);
        assertThat(profile.binCounts()).containsExactly(10, 10, 10, 10, 10, 10, 10, 10, 10, 11);
        assertThat(profile.type()).isEqualTo("numeric");
        assertThat(profile.frequencies()).isNull();
    }

    @Test
    void aSmallColumnListsEveryValueAndALargeOneValuesAtEvenlySpacedRanks() {
        float[] small = {5, 1, 3, 3, Float.NaN, 2};
        assertThat(NumericBins.of("x", small).quantiles()).containsExactly(1, 2, 3, 3, 5);

        float[] large = new float[5001];
        for (int i = 0; i < large.length; i++) {
            large[i] = i;
        }
        double[] quantiles = NumericBins.of("x", large).quantiles();
        assertThat(quantiles).hasSize(NumericBins.QUANTILES);
        assertThat(quantiles[0]).isEqualTo(0);
        assertThat(quantiles[500]).isEqualTo(2500);
        assertThat(quantiles[1000]).isEqualTo(5000);
        assertThat(quantiles).isSorted();
    }

    @Test
    void equalEdgesMergeAndMissingValuesAreNotCounted() {
        float[] values = {0, 0, 0, 0, 0, 0, 0, 0, 1, 2, Float.NaN, Float.NaN};

        FeatureProfile profile = NumericBins.of("x", values);

        assertThat(profile.binEdges()).containsExactly(0, 1, 2);
        assertThat(profile.binCounts()).containsExactly(8, 2);
    }

    @Test
    void aConstantColumnGetsOneBinAboveIt() {
        assertThat(NumericBins.of("x", new float[] {3, 3, 3}).binEdges()).containsExactly(3, 4);
        assertThat(NumericBins.of("x", new float[] {3, 3, 3}).binCounts()).containsExactly(3);
        // Far from zero v + 1 == v: the next double up keeps the edges strictly increasing.
        double[] huge = NumericBins.of("x", new float[] {1e30f}).binEdges();
        assertThat(huge[1]).isGreaterThan(huge[0]);
    }

    @Test
    void aColumnWithoutValuesGetsOneEmptyBin() {
        FeatureProfile profile = NumericBins.of("x", new float[] {Float.NaN});

        assertThat(profile.binEdges()).containsExactly(0, 1);
        assertThat(profile.binCounts()).containsExactly(0);
    }

    @Test
    void negativeZeroIsZero() {
        FeatureProfile profile = NumericBins.of("x", new float[] {-0f, 0f, 0f, 1f, 2f});

        // -0.0 beside 0.0 would make two edges that are not strictly increasing.
        assertThat(profile.binEdges()).containsExactly(0, 1, 2);
        assertThat(profile.binCounts()).containsExactly(3, 2);
    }

    @Test
    void edgesAreShortDecimalsAndCountsAreTheRuntimes() {
        Random random = new Random(3);
        float[] values = new float[997];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 3.7 + 0.1);
        }

        FeatureProfile profile = NumericBins.of("x", values);

        for (double edge : profile.binEdges()) {
            // As written to JSON: the float's shortest decimal, not 1.100000023841858.
            assertThat(Double.toString(edge).length()).isLessThanOrEqualTo(Float.toString((float) edge).length() + 1);
        }
        // The runtime sees each FP32 input as a double and bins it with these very edges.
        BinEdges runtime = new BinEdges(profile.binEdges());
        long[] live = new long[runtime.bins()];
        for (float value : values) {
            live[runtime.binOf(value)]++;
        }
        assertThat(profile.binCounts()).containsExactly(live);
        assertThat(profile.binEdges()).hasSize(11);
        assertThat(profile.binEdges()).isSorted();
    }
}
