package io.mlcycle.runtime.drift;

import io.mlcycle.runtime.tensor.Tensor;

/** One feature's summary of a window, updated by one thread at a time (its stripe's lock) and mergeable. */
interface FeatureAccumulator {

    /** Adds column {@code column} of each of the tensor's rows (row-major, {@code width} values per row). */
    void add(Tensor tensor, int column, int width);

    /** Adds everything another accumulator of the same feature has seen. */
    void mergeFrom(FeatureAccumulator other);

    /** A new, empty accumulator of the same feature and settings. */
    FeatureAccumulator emptyCopy();

    /** What it has seen, as the profile JSON shows it. */
    FeatureSummary summary(FeatureColumn column);
}
