package io.mlcycle.runtime.drift;

/**
 * Where one profiled feature lives in a batch: tensor {@code tensor}, column {@code column} of {@code width}
 * (row-major; width 1 for a 1-D tensor), and how it is summarized.
 *
 * @param source the tensor and column as a human reads them, e.g. {@code input[2]}
 * @param rowArgmax whether the feature is not one column but the place of each row's largest value (the class a
 *     classifier's scores pick), counted as a category
 */
public record FeatureColumn(String name, String source, FeatureType type, String tensor, int column, int width,
        boolean rowArgmax) {

    /** A column read as it is. */
    public FeatureColumn(String name, String source, FeatureType type, String tensor, int column, int width) {
        this(name, source, type, tensor, column, width, false);
    }

    /** The predicted class of a {@code [-1, width]} tensor of scores: {@code argmax(<tensor>)}, categorical. */
    public static FeatureColumn argmax(String tensor, int width) {
        String name = "argmax(" + tensor + ")";
        return new FeatureColumn(name, name, FeatureType.CATEGORICAL, tensor, 0, width, true);
    }
}
