package io.mlcycle.runtime.engine;

import ai.djl.basicmodelzoo.basic.Mlp;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * The built-in trainer's multilayer perceptron, as the manifest's {@code architecture} describes it: DJL's own
 * {@link Mlp} block (flatten, then linear layers with the activation between them), whose weights a DJL
 * {@code .params} file holds. Example: {@code {"type": "mlp", "inputs": 4, "hidden": [16, 16], "outputs": 3,
 * "activation": "relu"}}. The served signature is {@code input} FP32 {@code [-1, inputs]} to {@code output} FP32
 * {@code [-1, outputs]} (raw scores; any softmax is the client's).
 */
public record BuiltinMlp(int inputs, List<Integer> hidden, int outputs, String activation) {

    /** Input tensor name of the derived signature. */
    public static final String INPUT = "input";
    /** Output tensor name of the derived signature. */
    public static final String OUTPUT = "output";

    private static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid");

    public BuiltinMlp {
        hidden = List.copyOf(hidden);
        if (inputs < 1 || outputs < 1 || hidden.stream().anyMatch(units -> units < 1)) {
            throw new IllegalArgumentException("architecture: inputs, outputs and every hidden size must be at least 1");
        }
        if (!ACTIVATIONS.contains(activation)) {
            throw new IllegalArgumentException("architecture.activation '" + activation + "' is not one of "
                    + ACTIVATIONS);
        }
    }

    /** Reads the manifest's {@code architecture} object, naming the field at fault. */
    static BuiltinMlp parse(JsonNode node) {
        String type = node.path("type").asText("");
        if (!"mlp".equals(type)) {
            throw new IllegalArgumentException("architecture.type '" + type + "' is not supported (expected mlp)");
        }
        JsonNode hidden = node.path("hidden");
        if (!hidden.isArray()) {
            throw new IllegalArgumentException("architecture.hidden must be an array of layer sizes");
        }
        return new BuiltinMlp(positive(node, "inputs"),
                StreamSupport.stream(hidden.spliterator(), false).map(JsonNode::asInt).toList(),
                positive(node, "outputs"), node.path("activation").asText("relu").toLowerCase(Locale.ROOT));
    }

    private static int positive(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() < 1) {
            throw new IllegalArgumentException("architecture." + field + " must be a positive integer");
        }
        return value.asInt();
    }

    /** A fresh, uninitialised block of this shape; loading a {@code .params} file fills in its weights. */
    public Block block() {
        Function<NDList, NDList> function = switch (activation) {
            case "tanh" -> Activation::tanh;
            case "sigmoid" -> Activation::sigmoid;
            default -> Activation::relu;
        };
        return new Mlp(inputs, outputs, hidden.stream().mapToInt(Integer::intValue).toArray(), function);
    }

    /**
     * Fails unless every weight of {@code loaded} has the shape this architecture gives it. DJL reads a {@code .params}
     * file into any block without comparing shapes, so a manifest that disagrees with the weights would otherwise
     * serve a model other than the one it describes.
     */
    void checkWeights(Block loaded, NDManager manager) {
        Block declared = block();
        try (NDManager scratch = manager.newSubManager()) {
            declared.initialize(scratch, DataType.FLOAT32, new Shape(1, inputs));
            Map<String, Shape> expected = new LinkedHashMap<>();
            declared.getParameters().forEach(pair -> expected.put(pair.getKey(), pair.getValue().getArray().getShape()));
            Map<String, Shape> actual = new LinkedHashMap<>();
            loaded.getParameters().forEach(pair -> actual.put(pair.getKey(), pair.getValue().getArray().getShape()));
            if (!expected.equals(actual)) {
                throw new ModelLoadException("the weights do not fit the manifest's architecture " + this
                        + ": the architecture needs " + expected + " but the file holds " + actual);
            }
        }
    }

    @Override
    public String toString() {
        return "mlp(inputs=" + inputs + ", hidden=" + hidden + ", outputs=" + outputs + ", " + activation + ")";
    }

    /** The signature a {@code .params} model of this architecture serves. */
    public ModelSignature signature() {
        return new ModelSignature(List.of(new TensorSpec(INPUT, Datatype.FP32, new long[] {-1, inputs})),
                List.of(new TensorSpec(OUTPUT, Datatype.FP32, new long[] {-1, outputs})));
    }
}
