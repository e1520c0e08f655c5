package io.mlcycle.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.TensorSpec;
import io.mlcycle.trainer.data.Feature;
import io.mlcycle.trainer.metrics.ValidationMetrics;
import io.mlcycle.trainer.profile.FeatureProfile;
import io.mlcycle.trainer.profile.NumericBins;
import io.mlcycle.trainer.profile.ReferenceProfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The result summary and its termination copy, which must fit 4096 bytes. */
class ResultSummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "ab".repeat(32);

    private static ResultSummary summary(int features, int categoriesEach, int nameLength) {
        List<Feature> list = new ArrayList<>();
        List<FeatureProfile> profiles = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            String name = ("f" + f + "_" + "x".repeat(nameLength)).substring(0, Math.max(2, nameLength));
            list.add(Feature.categorical(name, List.of("a")));
            Map<String, Long> frequencies = new LinkedHashMap<>();
            for (int c = 0; c < categoriesEach; c++) {
                frequencies.put(Integer.toString(c), 1000L + c);
            }
            profiles.add(FeatureProfile.categorical(name, frequencies));
        }
        ModelSignature signature = new ModelSignature(
                List.of(new TensorSpec("input", Datatype.FP32, new long[] {-1, features})),
                List.of(new TensorSpec("output", Datatype.FP32, new long[] {-1})));
        ValidationMetrics metrics = new ValidationMetrics(Map.of("auc", 0.9, "accuracy", 0.8), "auc");
        return ResultSummary.of("xgboost", "s3://models/churn/job-1/model.tar.gz", SHA, 1234, metrics, signature,
                list, "s3://data/churn.csv", SHA, "s3://models/churn/job-1/reference-profile.json",
                new ReferenceProfile(800, profiles), JSON);
    }

    @Test
    void theQuantilesOfNumericFeaturesStayInTheProfileFile() {
        ModelSignature signature = new ModelSignature(List.of(new TensorSpec("input", Datatype.FP32, new long[] {-1, 1})),
                List.of(new TensorSpec("output", Datatype.FP32, new long[] {-1})));
        FeatureProfile tenure = NumericBins.of("tenure", new float[] {1, 2, 3, 5});
        JsonNode json = ResultSummary.of("xgboost", "s3://m/model.tar.gz", SHA, 1, new ValidationMetrics(
                Map.of("auc", 0.9), "auc"), signature, List.of(Feature.numeric("tenure")), "s3://d.csv", SHA,
                "s3://m/reference-profile.json", new ReferenceProfile(4, List.of(tenure)), JSON).json();

        assertThat(tenure.quantiles()).hasSize(4);
        assertThat(json.path("referenceProfile").path("features").get(0).fieldNames()).toIterable()
                .containsExactly("name", "type", "binEdges", "binCounts");
    }

    @Test
    void theSummaryHasTheDocumentedFieldsInOrder() {
        JsonNode json = summary(1, 2, 5).json();

        assertThat(json.fieldNames()).toIterable().containsExactly("format", "artifact", "metrics", "headlineMetric",
                "signature", "features", "dataset", "referenceProfile");
        assertThat(json.path("artifact").toString()).isEqualTo("{\"uri\":\"s3://models/churn/job-1/model.tar.gz\","
                + "\"sha256\":\"" + SHA + "\",\"size\":1234}");
        assertThat(json.path("referenceProfile").fieldNames()).toIterable()
                .containsExactly("uri", "samples", "features");
        assertThat(json.path("features").get(0).toString()).isEqualTo("{\"name\":\"f0_xx\",\"type\":\"categorical\"}");
    }

    @Test
    void aSmallSummaryIsTheTerminationMessageAsIs() {
        ResultSummary summary = summary(3, 3, 5);

        ResultSummary.TerminationCopy copy = summary.terminationCopy();

        assertThat(copy.omitted()).isEmpty();
        assertThat(copy.json()).isEqualTo(summary.compact());
    }

    @Test
    void aLargeProfileIsLeftOutFirstKeepingItsUriAndSamples() throws Exception {
        ResultSummary summary = summary(20, 40, 8);
        assertThat(summary.compact().length()).isGreaterThan(ResultSummary.MAX_TERMINATION_BYTES);

        ResultSummary.TerminationCopy copy = summary.terminationCopy();

        assertThat(copy.json().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ResultSummary.MAX_TERMINATION_BYTES);
        assertThat(copy.omitted()).containsExactly("referenceProfile.features");
        JsonNode json = JSON.readTree(copy.json());
        assertThat(json.path("referenceProfile").toString()).isEqualTo(
                "{\"uri\":\"s3://models/churn/job-1/reference-profile.json\",\"samples\":800}");
        assertThat(json.path("features")).hasSize(20);
        assertThat(json.path("omitted").toString()).isEqualTo("[\"referenceProfile.features\"]");
        assertThat(json.path("metrics")).isEqualTo(summary.json().path("metrics"));
    }

    @Test
    void manyLongFeatureNamesAreLeftOutNext() throws Exception {
        ResultSummary summary = summary(256, 1, 120);

        ResultSummary.TerminationCopy copy = summary.terminationCopy();

        assertThat(copy.json().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ResultSummary.MAX_TERMINATION_BYTES);
        assertThat(copy.omitted()).containsExactly("referenceProfile.features", "features");
        JsonNode json = JSON.readTree(copy.json());
        assertThat(json.has("features")).isFalse();
        assertThat(json.path("artifact").path("sha256").asText()).isEqualTo(SHA);
        assertThat(json.path("headlineMetric").asText()).isEqualTo("auc");
    }
}
