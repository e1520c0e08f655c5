package io.mlcycle.trainer.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcycle.runtime.engine.BuiltinMlp;
import io.mlcycle.runtime.tensor.TensorSpec;
import io.mlcycle.trainer.data.ColumnType;
import io.mlcycle.trainer.data.EncodedDataset;
import io.mlcycle.trainer.data.Feature;
import io.mlcycle.trainer.profile.ReferenceProfile;
import io.mlcycle.trainer.train.TrainedModel;
import java.util.List;

/**
 * The artifact's {@code mlcycle-model.json}, as the runtime reads it: format, file, signature, features (categorical
 * ones with their {@code categories} in code order, which the runtime ignores and people need to encode requests),
 * the MLP's {@code architecture}, golden examples (validation rows and the trainer's own answers for them) and the
 * reference profile.
 */
public final class ManifestJson {

    /** Golden examples: this many validation rows (fewer when there are fewer). */
    public static final int EXAMPLE_ROWS = 8;

    private ManifestJson() {
    }

    /**
     * @param exampleRows the first validation rows as the model takes them (missing values as the trainer fed them)
     */
    public static ObjectNode of(TrainedModel model, List<Feature> features, EncodedDataset exampleRows,
            ReferenceProfile profile, ObjectMapper mapper) {
        ObjectNode manifest = mapper.createObjectNode();
        manifest.put("format", model.format());
        manifest.put("file", model.modelFile());
        manifest.set("signature", SignatureJson.of(model.signature()));
        manifest.set("features", features(features, true));
        model.architecture().ifPresent(mlp -> manifest.set("architecture", architecture(mlp, mapper)));
        manifest.set("examples", examples(model, exampleRows, mapper));
        manifest.set("referenceProfile", mapper.valueToTree(profile));
        return manifest;
    }

    /** Features as {@code [{"name", "type"}]}, with {@code categories} when asked. */
    public static ArrayNode features(List<Feature> features, boolean withCategories) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Feature feature : features) {
            ObjectNode node = array.addObject();
            node.put("name", feature.name());
            node.put("type", feature.type().json());
            if (withCategories && feature.type() == ColumnType.CATEGORICAL) {
                ArrayNode categories = node.putArray("categories");
                feature.categories().forEach(categories::add);
            }
        }
        return array;
    }

    private static ObjectNode architecture(BuiltinMlp mlp, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", "mlp");
        node.put("inputs", mlp.inputs());
        ArrayNode hidden = node.putArray("hidden");
        mlp.hidden().forEach(hidden::add);
        node.put("outputs", mlp.outputs());
        node.put("activation", mlp.activation());
        return node;
    }

    private static ObjectNode examples(TrainedModel model, EncodedDataset rows, ObjectMapper mapper) {
        ObjectNode examples = mapper.createObjectNode();
        ObjectNode tolerance = examples.putObject("tolerance");
        tolerance.put("absolute", model.tolerance().absolute());
        tolerance.put("relative", model.tolerance().relative());

        TensorSpec inputSpec = model.signature().inputs().get(0);
        ObjectNode input = examples.putArray("inputs").addObject();
        input.put("name", inputSpec.name());
        input.put("datatype", inputSpec.datatype().name());
        input.putArray("shape").add(rows.rows()).add(rows.width());
        values(input.putArray("data"), rows.inputs(), rows.inputs().length);

        TensorSpec outputSpec = model.signature().outputs().get(0);
        int width = model.validationOutputs().width();
        ObjectNode output = examples.putArray("outputs").addObject();
        output.put("name", outputSpec.name());
        ArrayNode shape = output.putArray("shape").add(rows.rows());
        if (outputSpec.shape().length > 1) {
            shape.add(width);
        }
        values(output.putArray("data"), model.validationOutputs().values(), rows.rows() * width);
        return examples;
    }

    private static void values(ArrayNode array, float[] values, int count) {
        for (int i = 0; i < count; i++) {
            // JSON has no NaN; the runtime reads null as a missing value.
            if (Float.isNaN(values[i])) {
                array.addNull();
            } else {
                array.add(values[i]);
            }
        }
    }
}
