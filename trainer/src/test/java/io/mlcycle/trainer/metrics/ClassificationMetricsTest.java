package io.mlcycle.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Classification metrics against values worked out by hand (the comments show the working). */
class ClassificationMetricsTest {

    private static final double EXACT = 1e-12;

    @Test
    void rocAucCountsTiesAsHalf() {
        // Ranks: 0.2 → 1, the two 0.6 → 2.5 each, 0.9 → 4. Positives: 2.5 + 4 - 2·3/2 = 3.5 of 2·2 pairs.
        assertThat(ClassificationMetrics.rocAuc(new double[] {0.2, 0.6, 0.6, 0.9},
                new boolean[] {false, false, true, true})).isCloseTo(0.875, within(EXACT));
        // scikit-learn's documented example.
        assertThat(ClassificationMetrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8},
                new boolean[] {false, false, true, true})).isCloseTo(0.75, within(EXACT));
        assertThat(ClassificationMetrics.rocAuc(new double[] {0.5, 0.5, 0.5, 0.5},
                new boolean[] {false, true, false, true})).isCloseTo(0.5, within(EXACT));
        assertThat(ClassificationMetrics.rocAuc(new double[] {0.1, 0.9}, new boolean[] {true, false})).isZero();
    }

    @Test
    void rocAucIsUndefinedWithOneKindOfRow() {
        assertThat(ClassificationMetrics.rocAuc(new double[] {0.1, 0.9}, new boolean[] {true, true})).isNaN();
    }

    @Test
    void binaryMetricsAreThoseOfClassOne() {
        // P(class 1) = 0.9, 0.4, 0.6, 0.2 for labels 1, 1, 0, 0: predicted 1, 0, 1, 0.
        double[][] probabilities = {{0.1, 0.9}, {0.6, 0.4}, {0.4, 0.6}, {0.8, 0.2}};
        Map<String, Double> metrics = ClassificationMetrics.evaluate(probabilities, new int[] {1, 1, 0, 0});

        assertThat(metrics).containsOnlyKeys("accuracy", "auc", "f1", "logloss");
        assertThat(metrics.keySet()).containsExactly("accuracy", "auc", "f1", "logloss");
        assertThat(metrics.get("accuracy")).isCloseTo(0.5, within(EXACT));
        // Positive pairs: 0.9 > 0.6, 0.9 > 0.2, 0.4 < 0.6, 0.4 > 0.2.
        assertThat(metrics.get("auc")).isCloseTo(0.75, within(EXACT));
        // TP 1, FP 1, FN 1: 2 / (2 + 1 + 1).
        assertThat(metrics.get("f1")).isCloseTo(0.5, within(EXACT));
        assertThat(metrics.get("logloss")).isCloseTo(
                -(Math.log(0.9) + Math.log(0.4) + Math.log(0.4) + Math.log(0.8)) / 4, within(EXACT));
    }

    @Test
    void multiclassMetricsAreMacroAverages() {
        double[][] probabilities = {
            {0.7, 0.2, 0.1}, // label 0, predicted 0
            {0.4, 0.5, 0.1}, // label 1, predicted 1
            {0.1, 0.3, 0.6}, // label 2, predicted 2
            {0.3, 0.4, 0.3}, // label 0, predicted 1
        };
        Map<String, Double> metrics = ClassificationMetrics.evaluate(probabilities, new int[] {0, 1, 2, 0});

        assertThat(metrics.get("accuracy")).isCloseTo(0.75, within(EXACT));
        // One-vs-rest: class 0 scores 0.7, 0.3 (positive) vs 0.4, 0.1: 3 of 4 pairs; classes 1 and 2 separate fully.
        assertThat(metrics.get("auc")).isCloseTo((0.75 + 1 + 1) / 3, within(EXACT));
        // F1: class 0 TP 1 FN 1 → 2/3; class 1 TP 1 FP 1 → 2/3; class 2 → 1.
        assertThat(metrics.get("f1")).isCloseTo((2 / 3.0 + 2 / 3.0 + 1) / 3, within(EXACT));
        assertThat(metrics.get("logloss")).isCloseTo(
                -(Math.log(0.7) + Math.log(0.5) + Math.log(0.6) + Math.log(0.3)) / 4, within(EXACT));
    }

    @Test
    void multiclassAucSkipsClassesWithoutPositives() {
        double[][] probabilities = {{0.8, 0.1, 0.1}, {0.2, 0.7, 0.1}, {0.6, 0.3, 0.1}};
        Map<String, Double> metrics = ClassificationMetrics.evaluate(probabilities, new int[] {0, 1, 0});

        // Class 2 never occurs: the average is over classes 0 and 1, both separated perfectly.
        assertThat(metrics.get("auc")).isCloseTo(1.0, within(EXACT));
        // Class 2 is neither a label nor a prediction, so F1 averages classes 0 and 1 (both perfect).
        assertThat(metrics.get("f1")).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void logLossClipsCertainMistakes() {
        Map<String, Double> metrics = ClassificationMetrics.evaluate(new double[][] {{1.0, 0.0}}, new int[] {1});

        assertThat(metrics.get("logloss")).isCloseTo(-Math.log(ClassificationMetrics.EPSILON), within(1e-9));
        assertThat(metrics).doesNotContainKey("auc");
    }
}
