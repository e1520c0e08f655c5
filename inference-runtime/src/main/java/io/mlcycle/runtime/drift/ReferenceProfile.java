package io.mlcycle.runtime.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a reference profile (ModelVersion.spec.referenceProfile's schema:
 * {@code {"features": [{"name", "type", "binEdges", "binCounts", "frequencies"}]}}) that shape live profiles: each
 * numeric feature's bin edges, so live counts land in the same bins, and each categorical feature's known
 * categories, which are always counted by name.
 */
public final class ReferenceProfile {

    /** One feature's reference: bin edges for numbers, known categories for categories. */
    public record Feature(String name, FeatureType type, Optional<BinEdges> binEdges, Set<String> categories) {
    }

    private final Map<String, Feature> features;
    private final Optional<JsonNode> json;

    private ReferenceProfile(Map<String, Feature> features, Optional<JsonNode> json) {
        this.features = Map.copyOf(features);
        this.json = json;
    }

    public static ReferenceProfile none() {
        return new ReferenceProfile(Map.of(), Optional.empty());
    }

    /** Reads the profile JSON; fails naming the feature and field at fault. */
    public static ReferenceProfile parse(JsonNode root) {
        Map<String, Feature> features = new LinkedHashMap<>();
        for (JsonNode node : root.path("features")) {
            String name = node.path("name").asText("");
            if (name.isBlank()) {
                throw new IllegalArgumentException("referenceProfile.features[] has no 'name'");
            }
            try {
                FeatureType type = FeatureType.parse(node.path("type").asText("numeric"));
                Optional<BinEdges> edges = Optional.empty();
                JsonNode edgeNode = node.get("binEdges");
                if (edgeNode != null && edgeNode.isArray()) {
                    double[] values = new double[edgeNode.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = edgeNode.get(i).asDouble();
                    }
                    edges = Optional.of(new BinEdges(values));
                }
                Set<String> categories = new LinkedHashSet<>();
                node.path("frequencies").fieldNames().forEachRemaining(categories::add);
                features.put(name, new Feature(name, type, edges, categories));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("referenceProfile feature '" + name + "': " + e.getMessage(), e);
            }
        }
        return new ReferenceProfile(features, Optional.of(root.deepCopy()));
    }

    /**
     * The whole profile as it was read (with what shapes nothing here, such as the training values' quantiles), for
     * the operator's drift tests to compare live windows with; empty when the model has none.
     */
    public Optional<JsonNode> json() {
        return json;
    }

    public Optional<Feature> feature(String name) {
        return Optional.ofNullable(features.get(name));
    }
}
