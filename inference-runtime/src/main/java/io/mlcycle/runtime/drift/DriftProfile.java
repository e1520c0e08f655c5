package io.mlcycle.runtime.drift;

import java.util.List;

/**
 * A model's traffic profile over one window, as {@code GET /v2/models/{m}/profile} answers it (schema in the
 * README). Replicas' profiles of the same window merge feature by feature: counts add, KLL sketches merge.
 *
 * @param reset whether the window ended with this read (a new one started at {@code windowEnd})
 * @param requests inference requests answered successfully in the window
 * @param rows rows (dimension 0) that reached the engine in the window
 */
public record DriftProfile(String model, String version, String windowStart, String windowEnd, boolean reset,
        long requests, long rows, Sketch sketch, List<FeatureSummary> features, List<FeatureSummary> predictions) {

    /** How numeric values are sketched, so a reader knows how to decode {@code kll}. */
    public record Sketch(String type, int k, String library) {
    }
}
