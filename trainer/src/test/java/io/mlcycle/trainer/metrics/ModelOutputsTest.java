package io.mlcycle.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reading model answers as class probabilities or values. */
class ModelOutputsTest {

    @Test
    void oneProbabilityPerRowIsClassOnes() {
        double[][] probabilities = new ModelOutputs(new float[] {0.25f, 1f}, 1, ModelOutputs.Kind.PROBABILITIES)
                .probabilities();

        assertThat(probabilities[0]).containsExactly(0.75, 0.25);
        assertThat(probabilities[1]).containsExactly(0, 1);
    }

    @Test
    void scoresGoThroughASoftmax() {
        double[][] probabilities = new ModelOutputs(new float[] {0f, (float) Math.log(3), 1000f, 1000f}, 2,
                ModelOutputs.Kind.SCORES).probabilities();

        assertThat(probabilities[0][0]).isCloseTo(0.25, within(1e-7));
        assertThat(probabilities[0][1]).isCloseTo(0.75, within(1e-7));
        // Large scores do not overflow.
        assertThat(probabilities[1]).containsExactly(0.5, 0.5);
    }

    @Test
    void regressionAnswersOneValuePerRow() {
        assertThat(new ModelOutputs(new float[] {1.5f, -2f}, 1, ModelOutputs.Kind.VALUES).predictions())
                .containsExactly(1.5, -2);
        assertThatThrownBy(() -> new ModelOutputs(new float[] {1, 2}, 2, ModelOutputs.Kind.VALUES).predictions())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ModelOutputs(new float[] {1, 2, 3}, 2, ModelOutputs.Kind.SCORES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
