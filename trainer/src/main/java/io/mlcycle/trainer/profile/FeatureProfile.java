package io.mlcycle.trainer.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One feature of the reference profile: numeric ones have {@code binEdges} and {@code binCounts}, and
 * {@code quantiles}, the training values at evenly spaced ranks (every value, sorted, up to 1001 of them) for the
 * drift tests that compare whole distributions (KS, Wasserstein); categorical ones {@code frequencies}; the fields of
 * the other type are absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "type", "binEdges", "binCounts", "quantiles", "frequencies"})
public record FeatureProfile(String name, String type, double[] binEdges, long[] binCounts, double[] quantiles,
        Map<String, Long> frequencies) {

    /** The field ModelVersion.spec.referenceProfile does not hold: the quantiles stay in the artifact's files. */
    public static final String QUANTILES_FIELD = "quantiles";

    public static FeatureProfile numeric(String name, double[] binEdges, long[] binCounts, double[] quantiles) {
        return new FeatureProfile(name, "numeric", binEdges, binCounts, quantiles, null);
    }

    public static FeatureProfile categorical(String name, Map<String, Long> frequencies) {
        return new FeatureProfile(name, "categorical", null, null, null, frequencies);
    }
}
