package io.mlcycle.runtime.drift;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One feature's part of a profile, as {@code GET /v2/models/{m}/profile} writes it (fields that do not apply to the
 * feature's type are left out). {@code kll} is the base64 of {@code KllDoublesSketch.toByteArray()}, for merging;
 * {@code quantiles} (p5, p25, p50, p75, p95) is for people.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureSummary(String name, String source, String type, long count, long missing, Double min,
        Double max, Map<String, Double> quantiles, String kll, double[] binEdges, long[] binCounts,
        Map<String, Long> categories, Long otherCount) {
}
