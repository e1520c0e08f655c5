package io.mlcycle.trainer.profile;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The training rows' distribution, exactly as ModelVersion.spec.referenceProfile holds it:
 * {@code {"samples": N, "features": [...]}}, {@code samples} being the number of training rows.
 */
@JsonPropertyOrder({"samples", "features"})
public record ReferenceProfile(long samples, List<FeatureProfile> features) {

    /** ModelVersion.spec.referenceProfile's limits, which every profile written here stays within. */
    public static final int MAX_FEATURES = 256;
    public static final int MAX_BIN_EDGES = 1001;
    public static final int MAX_FREQUENCIES = 1000;

    public ReferenceProfile {
        features = List.copyOf(features);
    }
}
