package io.mlcycle.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which metric heads a model's summary. */
class ValidationMetricsTest {

    @Test
    void classificationIsHeadedByAucAndRegressionByRmse() {
        ModelOutputs probabilities = new ModelOutputs(new float[] {0.9f, 0.2f}, 1, ModelOutputs.Kind.PROBABILITIES);
        assertThat(ValidationMetrics.classification(probabilities, new int[] {1, 0}).headline()).isEqualTo("auc");

        ModelOutputs values = new ModelOutputs(new float[] {1f, 2f}, 1, ModelOutputs.Kind.VALUES);
        ValidationMetrics regression = ValidationMetrics.regression(values, new float[] {1f, 3f});
        assertThat(regression.headline()).isEqualTo("rmse");
        assertThat(regression.headlineValue()).isEqualTo(Math.sqrt(0.5));
    }

    @Test
    void accuracyHeadsWhenTheValidationRowsHoldOneClass() {
        ModelOutputs probabilities = new ModelOutputs(new float[] {0.9f, 0.2f}, 1, ModelOutputs.Kind.PROBABILITIES);

        ValidationMetrics metrics = ValidationMetrics.classification(probabilities, new int[] {1, 1});

        assertThat(metrics.values()).doesNotContainKey("auc");
        assertThat(metrics.headline()).isEqualTo("accuracy");
        assertThat(metrics.headlineValue()).isEqualTo(0.5);
    }
}
