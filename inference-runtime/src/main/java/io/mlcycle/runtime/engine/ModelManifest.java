package io.mlcycle.runtime.engine;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The optional {@code mlcycle-model.json} beside a model: its format, which file to load, its signature and its
 * features. Example:
 * <pre>{@code {"format": "xgboost", "file": "model.json",
 *  "signature": {"inputs": [{"name": "input", "datatype": "FP32", "shape": [-1, 4]}],
 *                "outputs": [{"name": "output", "datatype": "FP32", "shape": [-1]}]},
 *  "features": [{"name": "age", "type": "numeric"}],
 *  "referenceProfile": {"features": [{"name": "age", "type": "numeric", "binEdges": [0, 30, 60, 120]}]}}}</pre>
 * A DJL {@code .params} file (the built-in MLP's weights) also needs {@code "architecture"}: see {@link BuiltinMlp}.
 * {@code "examples"} (optional) holds input rows and the outputs the model's writer computed for them: see
 * {@link GoldenExamples}.
 */
public record ModelManifest(Optional<EngineKind> format, Optional<String> file, Optional<ModelSignature> signature,
        List<Feature> features, Optional<JsonNode> referenceProfile, Optional<BuiltinMlp> architecture,
        Optional<GoldenExamples> examples) {

    /** The manifest's file name. */
    public static final String FILE_NAME = "mlcycle-model.json";

    /** One input feature: its name and whether it is numeric or categorical. */
    public record Feature(String name, String type) {
    }

    public ModelManifest {
        features = List.copyOf(features);
    }

    public static ModelManifest empty() {
        return new ModelManifest(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** This manifest with these golden examples. */
    public ModelManifest withExamples(GoldenExamples newExamples) {
        return new ModelManifest(format, file, signature, features, referenceProfile, architecture,
                Optional.of(newExamples));
    }

    /** Reads a manifest, failing with the file and field at fault. */
    public static ModelManifest read(Path path, ObjectMapper mapper) {
        JsonNode root;
        try {
            // Python's json module writes NaN for a missing value in golden examples.
            root = mapper.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new ModelLoadException(path + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException(path + " must hold a JSON object");
        }
        try {
            Optional<EngineKind> format = EngineKind.parse(root.path("format").asText(null));
            Optional<String> file = Optional.ofNullable(root.path("file").asText(null));
            Optional<ModelSignature> signature = root.has("signature")
                    ? Optional.of(new ModelSignature(specs(root.get("signature"), "inputs"),
                            specs(root.get("signature"), "outputs")))
                    : Optional.empty();
            List<Feature> features = new ArrayList<>();
            for (JsonNode feature : root.path("features")) {
                features.add(new Feature(required(feature, "name", "features[]"),
                        feature.path("type").asText("numeric")));
            }
            // Same schema as ModelVersion.spec.referenceProfile; the drift package reads it.
            Optional<JsonNode> reference = Optional.ofNullable(root.get("referenceProfile")).filter(JsonNode::isObject);
            Optional<BuiltinMlp> architecture = root.has("architecture")
                    ? Optional.of(BuiltinMlp.parse(root.get("architecture"))) : Optional.empty();
            Optional<GoldenExamples> examples = root.has("examples")
                    ? Optional.of(GoldenExamples.parse(root.get("examples"))) : Optional.empty();
            return new ModelManifest(format, file, signature, features, reference, architecture, examples);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(path + ": " + e.getMessage(), e);
        }
    }

    private static List<TensorSpec> specs(JsonNode signature, String field) {
        JsonNode list = signature.get(field);
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("signature." + field + " must be a non-empty array");
        }
        List<TensorSpec> specs = new ArrayList<>();
        for (JsonNode node : list) {
            String where = "signature." + field + "[]";
            String name = required(node, "name", where);
            String type = required(node, "datatype", where + " '" + name + "'");
            Datatype datatype = Datatype.parse(type).orElseThrow(() -> new IllegalArgumentException(
                    where + " '" + name + "': unknown datatype '" + type + "' (expected one of " + Datatype.NAMES + ")"));
            JsonNode shapeNode = node.get("shape");
            if (shapeNode == null || !shapeNode.isArray()) {
                throw new IllegalArgumentException(where + " '" + name + "' has no 'shape' array");
            }
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong();
            }
            specs.add(new TensorSpec(name, datatype, shape));
        }
        return specs;
    }

    private static String required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(where + " has no '" + field + "'");
        }
        return value.textValue();
    }
}
