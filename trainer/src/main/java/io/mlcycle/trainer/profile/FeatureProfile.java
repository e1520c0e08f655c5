package io.mlcycle.trainer.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One feature of the reference profile: numeric ones have {@code binEdges} and {@code binCounts}, categorical ones
 * {@code frequencies}; the fields of the other type are absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "type", "binEdges", "binCounts", "frequencies"})
public record FeatureProfile(String name, String type, double[] binEdges, long[] binCounts,
        Map<String, Long> frequencies) {

    public static FeatureProfile numeric(String name, double[] binEdges, long[] binCounts) {
        return new FeatureProfile(name, "numeric", binEdges, binCounts, null);
    }

    public static FeatureProfile categorical(String name, Map<String, Long> frequencies) {
        return new FeatureProfile(name, "categorical", null, null, frequencies);
    }
}
