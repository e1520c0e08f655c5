package io.mlcycle.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Standardising columns, and folding it into a linear layer so that the layer takes and answers raw numbers. */
class StandardizationTest {

    @Test
    void meanAndStandardDeviationPerColumnAndOneForAConstantColumn() {
        // Column 0: 1, 3 → mean 2, sd 1. Column 1: 5, 5 → mean 5, scale 1.
        Standardization s = Standardization.of(new float[] {1, 5, 3, 5}, 2);

        assertThat(s.mean()).containsExactly(2, 5);
        assertThat(s.scale()).containsExactly(1, 1);
        assertThat(s.apply(new float[] {1, 5, 3, 6})).containsExactly(-1, 0, 1, 1);
        assertThat(s.invert(new float[] {-1, 0, 1, 1})).containsExactly(1, 5, 3, 6);
    }

    @Test
    void aLayerFedStandardisedInputsFoldsIntoOneFedRawInputs() {
        Random random = new Random(2);
        int inputs = 4;
        int outputs = 3;
        float[] rows = new float[50 * inputs];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (random.nextGaussian() * (1 + i % inputs * 10) + 100 * (i % inputs));
        }
        Standardization s = Standardization.of(rows, inputs);
        float[] weight = new float[outputs * inputs];
        float[] bias = new float[outputs];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) random.nextGaussian();
        }
        for (int o = 0; o < outputs; o++) {
            bias[o] = (float) random.nextGaussian();
        }
        float[] x = {3f, 95f, 210f, 290f};
        double[] expected = layer(weight, bias, s.apply(x));

        float[] foldedWeight = weight.clone();
        float[] foldedBias = bias.clone();
        s.foldIntoInputs(foldedWeight, foldedBias);

        double[] actual = layer(foldedWeight, foldedBias, x);
        for (int o = 0; o < outputs; o++) {
            assertThat(actual[o]).isCloseTo(expected[o], within(1e-4 * (1 + Math.abs(expected[o]))));
        }
    }

    @Test
    void aLayerAnsweringAStandardisedTargetFoldsIntoOneAnsweringTheTarget() {
        Standardization target = Standardization.of(new float[] {40, 60}, 1); // mean 50, sd 10
        float[] weight = {0.5f, -2f};
        float[] bias = {0.25f};
        float[] x = {4f, 1f};
        double standardised = layer(weight, bias, x)[0];

        target.foldIntoOutputs(weight, bias);

        assertThat(layer(weight, bias, x)[0]).isCloseTo(standardised * 10 + 50, within(1e-4));
    }

    /** {@code W x + b} for row-major W of {@code [outputs, inputs]}. */
    private static double[] layer(float[] weight, float[] bias, float[] x) {
        double[] y = new double[bias.length];
        for (int o = 0; o < bias.length; o++) {
            y[o] = bias[o];
            for (int i = 0; i < x.length; i++) {
                y[o] += (double) weight[o * x.length + i] * x[i];
            }
        }
        return y;
    }
}
