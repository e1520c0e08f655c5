package io.mlcycle.runtime.drift;

import io.mlcycle.runtime.tensor.Tensor;

/**
 * The predicted class of each row of a score tensor, counted as a category ({@code "0"}, {@code "1"}, ...): the first
 * place of the row's largest value. A row with a NaN has no class and counts as missing. Comparing these counts tells
 * whether two versions decide alike, where comparing each score's distribution would also read a change of
 * confidence (a recalibrated retrain) as a change of decision.
 */
final class ArgmaxAccumulator implements FeatureAccumulator {

    private final CategoricalAccumulator classes;

    ArgmaxAccumulator(CategoricalAccumulator classes) {
        this.classes = classes;
    }

    @Override
    public void add(Tensor tensor, int column, int width) {
        int rows = tensor.size() / width;
        for (int r = 0; r < rows; r++) {
            int best = -1;
            double largest = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < width; i++) {
                double value = tensor.doubleAt(r * width + i);
                if (Double.isNaN(value)) {
                    best = -1;
                    break;
                }
                if (best < 0 || value > largest) {
                    best = i;
                    largest = value;
                }
            }
            if (best < 0) {
                classes.countMissing();
            } else {
                classes.count(Integer.toString(best));
            }
        }
    }

    @Override
    public void mergeFrom(FeatureAccumulator other) {
        classes.mergeFrom(((ArgmaxAccumulator) other).classes);
    }

    @Override
    public FeatureAccumulator emptyCopy() {
        return new ArgmaxAccumulator((CategoricalAccumulator) classes.emptyCopy());
    }

    @Override
    public FeatureSummary summary(FeatureColumn column) {
        return classes.summary(column);
    }
}
