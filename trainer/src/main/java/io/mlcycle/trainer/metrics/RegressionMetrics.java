package io.mlcycle.trainer.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSE, MAE and R² (1 - residual sum of squares / total sum of squares around the mean) of predictions against true
 * values. R² is left out when every true value is the same (it is undefined then).
 */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    /** {@code rmse}, {@code mae}, {@code r2}, in this order. */
    public static Map<String, Double> evaluate(double[] predicted, double[] actual) {
        if (predicted.length != actual.length || actual.length == 0) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + actual.length + " values");
        }
        double mean = 0;
        for (double value : actual) {
            mean += value;
        }
        mean /= actual.length;
        double squared = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < actual.length; i++) {
            double error = predicted[i] - actual[i];
            squared += error * error;
            absolute += Math.abs(error);
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", Math.sqrt(squared / actual.length));
        metrics.put("mae", absolute / actual.length);
        if (total > 0) {
            metrics.put("r2", 1 - squared / total);
        }
        return metrics;
    }
}
