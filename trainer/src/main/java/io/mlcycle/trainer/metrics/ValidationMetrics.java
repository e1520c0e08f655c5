package io.mlcycle.trainer.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's metrics on the validation rows and which one is its headline: {@code auc} for classification (or
 * {@code accuracy} when the validation rows hold one class only and AUC is undefined), {@code rmse} for regression.
 */
public record ValidationMetrics(Map<String, Double> values, String headline) {

    public ValidationMetrics {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        if (!values.containsKey(headline)) {
            throw new IllegalArgumentException("headline metric " + headline + " is not among " + values.keySet());
        }
    }

    public static ValidationMetrics classification(ModelOutputs outputs, int[] labels) {
        Map<String, Double> values = ClassificationMetrics.evaluate(outputs.probabilities(), labels);
        return new ValidationMetrics(values, values.containsKey("auc") ? "auc" : "accuracy");
    }

    public static ValidationMetrics regression(ModelOutputs outputs, float[] actual) {
        double[] values = new double[actual.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = actual[i];
        }
        return new ValidationMetrics(RegressionMetrics.evaluate(outputs.predictions(), values), "rmse");
    }

    public double headlineValue() {
        return values.get(headline);
    }
}
