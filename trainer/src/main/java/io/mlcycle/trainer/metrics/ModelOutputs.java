package io.mlcycle.trainer.metrics;

/**
 * What a model answered for some rows, row-major with {@code width} values per row, and how to read them:
 * probabilities (XGBoost: one per row for a binary task, one per class for multiclass), raw class scores (the MLP,
 * whose served output is its last layer) or predicted values (regression).
 */
public record ModelOutputs(float[] values, int width, Kind kind) {

    /** How a row's values are to be read. */
    public enum Kind {
        PROBABILITIES,
        SCORES,
        VALUES
    }

    public ModelOutputs {
        if (width < 1 || values.length % width != 0) {
            throw new IllegalArgumentException(values.length + " values do not make rows of " + width);
        }
    }

    public int rows() {
        return values.length / width;
    }

    /** Class probabilities, {@code [rows][classes]}: a binary probability p becomes {1-p, p}, scores a softmax. */
    public double[][] probabilities() {
        double[][] rows = new double[rows()][];
        for (int r = 0; r < rows.length; r++) {
            if (kind == Kind.PROBABILITIES && width == 1) {
                double p = values[r];
                rows[r] = new double[] {1 - p, p};
            } else {
                double[] row = new double[width];
                for (int c = 0; c < width; c++) {
                    row[c] = values[r * width + c];
                }
                rows[r] = kind == Kind.SCORES ? softmax(row) : row;
            }
        }
        return rows;
    }

    /** One predicted value per row; only for regression. */
    public double[] predictions() {
        if (width != 1) {
            throw new IllegalStateException("a regression model answers one value per row, not " + width);
        }
        double[] predictions = new double[values.length];
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] = values[i];
        }
        return predictions;
    }

    private static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double sum = 0;
        double[] exp = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            // Shifted by the largest score so that exp never overflows.
            exp[i] = Math.exp(scores[i] - max);
            sum += exp[i];
        }
        for (int i = 0; i < exp.length; i++) {
            exp[i] /= sum;
        }
        return exp;
    }
}
