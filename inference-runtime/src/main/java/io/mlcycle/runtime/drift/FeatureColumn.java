package io.mlcycle.runtime.drift;

/**
 * Where one profiled feature lives in a batch: tensor {@code tensor}, column {@code column} of {@code width}
 * (row-major; width 1 for a 1-D tensor), and how it is summarized.
 *
 * @param source the tensor and column as a human reads them, e.g. {@code input[2]}
 */
public record FeatureColumn(String name, String source, FeatureType type, String tensor, int column, int width) {
}
