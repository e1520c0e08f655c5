package io.mlcycle.trainer.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.trainer.data.Feature;
import io.mlcycle.trainer.metrics.ValidationMetrics;
import io.mlcycle.trainer.profile.FeatureProfile;
import io.mlcycle.trainer.profile.ReferenceProfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run produced, for the operator to register a ModelVersion from: {@code mlcycle-result.json}, the last stdout
 * line ({@code mlcycle-result {...}}) and the termination message.
 * <pre>{@code {"format": "xgboost",
 *  "artifact": {"uri": "s3://b/out/job/model.tar.gz", "sha256": "…", "size": 12345},
 *  "metrics": {"accuracy": 0.93, "auc": 0.97, "f1": 0.92, "logloss": 0.21}, "headlineMetric": "auc",
 *  "signature": {"inputs": [...], "outputs": [...]},
 *  "features": [{"name": "tenure", "type": "numeric"}],
 *  "dataset": {"uri": "s3://b/data.csv", "sha256": "…"},
 *  "referenceProfile": {"uri": "s3://b/out/job/reference-profile.json", "samples": 800, "features": [...]}}}</pre>
 * Kubernetes keeps at most 4096 bytes of a termination message, so its copy leaves out parts, in this order, until it
 * fits: the profile's features, the features, the signature, the dataset, the profile, the metrics, the artifact's
 * URI; {@code "omitted"} lists what was left out (the whole summary is in {@code mlcycle-result.json}).
 */
public final class ResultSummary {

    public static final String FILE = "mlcycle-result.json";
    public static final String STDOUT_PREFIX = "mlcycle-result ";
    /** Kubernetes truncates termination messages beyond this. */
    public static final int MAX_TERMINATION_BYTES = 4096;
    /** What the termination copy may leave out, first to last; a dot reaches into an object. */
    static final List<String> OMISSIONS = List.of("referenceProfile.features", "features", "signature", "dataset",
            "referenceProfile", "metrics", "artifact.uri");

    /** The termination message and what it leaves out of the summary. */
    public record TerminationCopy(String json, List<String> omitted) {
    }

    private final ObjectNode json;

    public ResultSummary(ObjectNode json) {
        this.json = json;
    }

    /** The summary of a finished run. */
    public static ResultSummary of(String format, String artifactUri, String artifactSha256, long artifactSize,
            ValidationMetrics metrics, ModelSignature signature, List<Feature> features, String datasetUri,
            String datasetSha256, String profileUri, ReferenceProfile profile, ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", format);
        ObjectNode artifact = root.putObject("artifact");
        artifact.put("uri", artifactUri);
        artifact.put("sha256", artifactSha256);
        artifact.put("size", artifactSize);
        root.set("metrics", metricsJson(metrics, mapper));
        root.put("headlineMetric", metrics.headline());
        root.set("signature", SignatureJson.of(signature));
        root.set("features", ManifestJson.features(features, false));
        ObjectNode dataset = root.putObject("dataset");
        dataset.put("uri", datasetUri);
        dataset.put("sha256", datasetSha256);
        ObjectNode reference = root.putObject("referenceProfile");
        reference.put("uri", profileUri);
        reference.put("samples", profile.samples());
        ArrayNode profiled = mapper.valueToTree(profile.features());
        profiled.forEach(feature -> ((ObjectNode) feature).remove(FeatureProfile.QUANTILES_FIELD));
        reference.set("features", profiled);
        return new ResultSummary(root);
    }

    /** {@code metrics.json}: the metric values by name. */
    public static ObjectNode metricsJson(ValidationMetrics metrics, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        metrics.values().forEach(node::put);
        return node;
    }

    public ObjectNode json() {
        return json.deepCopy();
    }

    /** One line of JSON. */
    public String compact() {
        return json.toString();
    }

    /** The summary, shortened to fit a termination message when it must be. */
    public TerminationCopy terminationCopy() {
        ObjectNode copy = json.deepCopy();
        List<String> omitted = new ArrayList<>();
        for (String omission : OMISSIONS) {
            if (fits(copy)) {
                break;
            }
            if (remove(copy, omission)) {
                omitted.add(omission);
                ArrayNode list = copy.putArray("omitted");
                omitted.forEach(list::add);
            }
        }
        return new TerminationCopy(copy.toString(), List.copyOf(omitted));
    }

    private static boolean fits(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_TERMINATION_BYTES;
    }

    private static boolean remove(ObjectNode node, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return node.remove(path) != null;
        }
        JsonNode parent = node.get(path.substring(0, dot));
        return parent instanceof ObjectNode object && object.remove(path.substring(dot + 1)) != null;
    }
}
