package io.mlcycle.trainer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.drift.BinEdges;
import io.mlcycle.trainer.data.EncodedDataset;
import io.mlcycle.trainer.data.Feature;
import io.mlcycle.trainer.data.Target;
import io.mlcycle.trainer.settings.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reference profile as JSON: the schema and limits of ModelVersion.spec.referenceProfile, and what the runtime's
 * drift profile reads from it.
 */
class ReferenceProfileBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static EncodedDataset dataset(List<Feature> features, float[] inputs) {
        int rows = inputs.length / features.size();
        return new EncodedDataset(features, new Target("y", Task.REGRESSION, List.of()), rows, inputs,
                new float[rows]);
    }

    @Test
    void numericAndCategoricalFeaturesInTheApisSchema() throws Exception {
        EncodedDataset data = dataset(List.of(Feature.numeric("tenure"),
                Feature.categorical("plan", List.of("basic", "plus", "pro"))),
                new float[] {1, 2, 2, 0, 3, 2, Float.NaN, Float.NaN, 5, 0});

        JsonNode json = JSON.valueToTree(ReferenceProfileBuilder.of(data));

        assertThat(json.toString()).isEqualTo("{\"samples\":5,\"features\":["
                + "{\"name\":\"tenure\",\"type\":\"numeric\",\"binEdges\":[1.0,2.0,3.0,5.0],\"binCounts\":[1,1,2],"
                + "\"quantiles\":[1.0,2.0,3.0,5.0]},"
                + "{\"name\":\"plan\",\"type\":\"categorical\",\"frequencies\":{\"0\":2,\"2\":2}}]}");
        // The ModelVersion API type reads it without an unknown field.
        io.mlcycle.api.v1alpha1.ReferenceProfile api = JSON.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .treeToValue(json, io.mlcycle.api.v1alpha1.ReferenceProfile.class);
        assertThat(api.getSamples()).isEqualTo(5);
        assertThat(api.getFeatures()).hasSize(2);
    }

    @Test
    void theRuntimeBinsLiveValuesAsTheReferenceCountedThem() throws Exception {
        Random random = new Random(8);
        float[] inputs = new float[600];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) (random.nextDouble() * 10 - 2);
        }
        EncodedDataset data = dataset(List.of(Feature.numeric("x")), inputs);

        JsonNode json = JSON.readTree(JSON.writeValueAsString(ReferenceProfileBuilder.of(data)));
        io.mlcycle.runtime.drift.ReferenceProfile runtime = io.mlcycle.runtime.drift.ReferenceProfile.parse(json);

        BinEdges edges = runtime.feature("x").orElseThrow().binEdges().orElseThrow();
        long[] live = new long[edges.bins()];
        for (float value : inputs) {
            live[edges.binOf(value)]++;
        }
        List<Long> counts = new ArrayList<>();
        json.path("features").get(0).path("binCounts").forEach(n -> counts.add(n.asLong()));
        assertThat(counts).containsExactly(Arrays.stream(live).boxed().toArray(Long[]::new));
    }

    @Test
    void categoriesAreKeyedAsTheRuntimeRecordsCodesAndKeptWithinTheLimit() throws Exception {
        int categories = 1500;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            names.add(String.format("c%04d", c));
        }
        // Codes below 200 occur twice, the rest once: the 1000 kept are codes 0..199 and the first 800 of the others.
        float[] codes = new float[categories + 200];
        for (int i = 0; i < categories; i++) {
            codes[i] = i;
        }
        for (int i = 0; i < 200; i++) {
            codes[categories + i] = i;
        }
        EncodedDataset data = dataset(List.of(Feature.categorical("id", names)), codes);

        JsonNode feature = JSON.valueToTree(ReferenceProfileBuilder.of(data)).path("features").get(0);

        JsonNode frequencies = feature.path("frequencies");
        assertThat(frequencies.size()).isEqualTo(ReferenceProfile.MAX_FREQUENCIES);
        assertThat(frequencies.path("0").asLong()).isEqualTo(2);
        assertThat(frequencies.path("199").asLong()).isEqualTo(2);
        assertThat(frequencies.path("999").asLong()).isEqualTo(1);
        assertThat(frequencies.has("1000")).isFalse();
        assertThat(frequencies.fieldNames().next()).isEqualTo("0");
    }

    @Test
    void everyProfileMeetsTheCrdsConstraints() throws Exception {
        Random random = new Random(4);
        int width = 256;
        List<Feature> features = new ArrayList<>();
        for (int f = 0; f < width; f++) {
            features.add(f % 3 == 0 ? Feature.categorical("f" + f, List.of("a", "b", "c", "d"))
                    : Feature.numeric("f" + f));
        }
        float[] inputs = new float[width * 300];
        for (int i = 0; i < inputs.length; i++) {
            int f = i % width;
            inputs[i] = random.nextInt(20) == 0 ? Float.NaN
                    : f % 3 == 0 ? random.nextInt(4)
                    : f % 3 == 1 ? (float) random.nextGaussian()
                    : random.nextInt(3); // few distinct values: merged edges
        }

        JsonNode json = JSON.valueToTree(ReferenceProfileBuilder.of(dataset(features, inputs)));

        assertThat(json.path("features").size()).isLessThanOrEqualTo(ReferenceProfile.MAX_FEATURES);
        for (JsonNode feature : json.path("features")) {
            assertThat(feature.path("name").asText()).hasSizeBetween(1, 128);
            if (feature.path("type").asText().equals("numeric")) {
                JsonNode edges = feature.path("binEdges");
                assertThat(edges.size()).isBetween(2, ReferenceProfile.MAX_BIN_EDGES);
                for (int i = 1; i < edges.size(); i++) {
                    assertThat(edges.get(i).asDouble()).isGreaterThan(edges.get(i - 1).asDouble());
                }
                assertThat(feature.path("binCounts").size()).isEqualTo(edges.size() - 1);
                assertThat(feature.has("frequencies")).isFalse();
            } else {
                assertThat(feature.path("type").asText()).isEqualTo("categorical");
                assertThat(feature.path("frequencies").size()).isLessThanOrEqualTo(ReferenceProfile.MAX_FREQUENCIES);
                assertThat(feature.has("binEdges")).isFalse();
            }
        }
    }
}
