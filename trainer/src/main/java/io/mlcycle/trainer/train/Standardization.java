package io.mlcycle.trainer.train;

/**
 * Per-column mean and standard deviation of training values (a constant column gets scale 1), to train a network on
 * standardised numbers and then fold the standardisation into its first and last linear layers, so that the saved
 * network takes raw inputs and answers raw values, as the runtime serves it.
 *
 * <p>A linear layer {@code y = W z + b} fed {@code z = (x - mean) / scale} is the layer
 * {@code y = (W / scale) x + (b - W (mean / scale))} fed x; one whose output is a standardised target
 * {@code t = (y - mean) / scale} answers y as {@code (scale W) x + (scale b + mean)}.
 */
public record Standardization(double[] mean, double[] scale) {

    /** The columns of row-major {@code values} with {@code width} columns. */
    public static Standardization of(float[] values, int width) {
        int rows = values.length / width;
        double[] mean = new double[width];
        double[] scale = new double[width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                mean[c] += values[r * width + c];
            }
        }
        for (int c = 0; c < width; c++) {
            mean[c] /= Math.max(rows, 1);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                double d = values[r * width + c] - mean[c];
                scale[c] += d * d;
            }
        }
        for (int c = 0; c < width; c++) {
            double sd = Math.sqrt(scale[c] / Math.max(rows, 1));
            scale[c] = sd > 0 && Double.isFinite(sd) ? sd : 1;
        }
        return new Standardization(mean, scale);
    }

    public int width() {
        return mean.length;
    }

    /** {@code (value - mean) / scale}, column by column. */
    public float[] apply(float[] values) {
        float[] standardised = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            int c = i % width();
            standardised[i] = (float) ((values[i] - mean[c]) / scale[c]);
        }
        return standardised;
    }

    /** {@code value * scale + mean}: standardised values back to the original units. */
    public float[] invert(float[] standardised) {
        float[] values = new float[standardised.length];
        for (int i = 0; i < values.length; i++) {
            int c = i % width();
            values[i] = (float) (standardised[i] * scale[c] + mean[c]);
        }
        return values;
    }

    /**
     * Rewrites a layer fed standardised inputs into one fed raw inputs.
     *
     * @param weight row-major {@code [outputs, inputs]}, as DJL's {@code Linear} holds it; rewritten in place
     * @param bias {@code [outputs]}; rewritten in place
     */
    public void foldIntoInputs(float[] weight, float[] bias) {
        int inputs = width();
        for (int o = 0; o < bias.length; o++) {
            double shift = 0;
            for (int i = 0; i < inputs; i++) {
                double w = weight[o * inputs + i] / scale[i];
                shift += w * mean[i];
                weight[o * inputs + i] = (float) w;
            }
            bias[o] = (float) (bias[o] - shift);
        }
    }

    /**
     * Rewrites a layer answering a standardised target (this standardisation, one column) into one answering the
     * target itself; arrays as for {@link #foldIntoInputs}.
     */
    public void foldIntoOutputs(float[] weight, float[] bias) {
        if (width() != 1) {
            throw new IllegalStateException("a target standardisation has one column, this has " + width());
        }
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) (weight[i] * scale[0]);
        }
        for (int o = 0; o < bias.length; o++) {
            bias[o] = (float) (bias[o] * scale[0] + mean[0]);
        }
    }
}
