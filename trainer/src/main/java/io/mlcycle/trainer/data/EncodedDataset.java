package io.mlcycle.trainer.data;

import java.util.Arrays;
import java.util.List;

/**
 * Rows as the model takes them: FP32 inputs, row-major {@code [rows, features]}, NaN for a missing value; labels
 * are class codes (classification) or target values (regression).
 */
public record EncodedDataset(List<Feature> features, Target target, int rows, float[] inputs, float[] labels) {

    public EncodedDataset {
        features = List.copyOf(features);
        if (inputs.length != (long) rows * features.size() || labels.length != rows) {
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values and labels " + labels.length
                    + " for " + rows + " rows of " + features.size() + " features");
        }
    }

    public int width() {
        return features.size();
    }

    /** The given rows, in the given order. */
    public EncodedDataset selectRows(int[] indices) {
        int width = width();
        float[] x = new float[indices.length * width];
        float[] y = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(inputs, indices[i] * width, x, i * width, width);
            y[i] = labels[indices[i]];
        }
        return new EncodedDataset(features, target, indices.length, x, y);
    }

    /** The first {@code count} rows (fewer when there are fewer). */
    public EncodedDataset head(int count) {
        int[] indices = new int[Math.min(count, rows)];
        Arrays.setAll(indices, i -> i);
        return selectRows(indices);
    }

    /** The values of one feature, top to bottom. */
    public float[] column(int feature) {
        float[] values = new float[rows];
        for (int r = 0; r < rows; r++) {
            values[r] = inputs[r * width() + feature];
        }
        return values;
    }

    /** This dataset with every missing input replaced by {@code value}. */
    public EncodedDataset withMissingAs(float value) {
        float[] x = inputs.clone();
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i])) {
                x[i] = value;
            }
        }
        return new EncodedDataset(features, target, rows, x, labels);
    }

    /** Class codes as ints; only for classification. */
    public int[] classLabels() {
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            codes[i] = (int) labels[i];
        }
        return codes;
    }
}
