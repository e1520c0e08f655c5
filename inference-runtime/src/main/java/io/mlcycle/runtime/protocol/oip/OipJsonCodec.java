package io.mlcycle.runtime.protocol.oip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads OIP JSON inference requests and writes OIP JSON responses, metadata and errors. Thread-safe.
 *
 * <p>Numbers may be NaN or Infinity (as Python's json module writes them), so XGBoost missing values can be sent.
 */
public final class OipJsonCodec {

    private final ObjectMapper mapper;
    private final JsonFactory factory;

    public OipJsonCodec() {
        this.mapper = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .build();
        this.factory = mapper.getFactory();
    }

    /** Decodes an inference request; every problem is a BAD_REQUEST naming the input and what is wrong. */
    public InferenceRequest readRequest(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw InferenceException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw InferenceException.badRequest("request body must be a JSON object with an 'inputs' array");
        }
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw InferenceException.badRequest("request has no 'inputs' array (or it is empty)");
        }
        List<Tensor> tensors = new ArrayList<>(inputs.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor tensor = readInput(inputs.get(i), i);
            if (!names.add(tensor.name())) {
                throw InferenceException.badRequest("input '" + tensor.name() + "' is given more than once");
            }
            tensors.add(tensor);
        }
        return new InferenceRequest(text(root.get("id")), tensors, readRequestedOutputs(root.get("outputs")),
                readParameters(root.get("parameters"), "request"));
    }

    private Tensor readInput(JsonNode input, int index) {
        if (input == null || !input.isObject()) {
            throw InferenceException.badRequest("inputs[" + index + "] must be an object");
        }
        JsonNode nameNode = input.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isEmpty()) {
            throw InferenceException.badRequest("inputs[" + index + "] has no 'name'");
        }
        String name = nameNode.textValue();
        JsonNode datatypeNode = input.get("datatype");
        if (datatypeNode == null || !datatypeNode.isTextual()) {
            throw InferenceException.badRequest("input '" + name + "' has no 'datatype' (one of " + Datatype.NAMES + ")");
        }
        Datatype datatype = Datatype.parse(datatypeNode.textValue()).orElseThrow(() -> InferenceException.badRequest(
                "input '" + name + "': unknown datatype '" + datatypeNode.textValue() + "' (expected one of "
                        + Datatype.NAMES + ")"));
        long[] shape = readShape(input.get("shape"), name);
        JsonNode data = input.get("data");
        if (data == null || data.isNull()) {
            throw InferenceException.badRequest("input '" + name + "' has no 'data'");
        }
        long count = Shapes.elementCount(shape);
        if (count > Integer.MAX_VALUE) {
            throw InferenceException.badRequest("input '" + name + "': shape " + Shapes.format(shape) + " is too large");
        }
        Object values = new TensorDataReader(name, datatype).read(data, (int) count);
        return new Tensor(name, datatype, shape, values);
    }

    private static long[] readShape(JsonNode shapeNode, String name) {
        if (shapeNode == null || !shapeNode.isArray()) {
            throw InferenceException.badRequest("input '" + name + "' has no 'shape' array");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode dim = shapeNode.get(i);
            if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.longValue() < 0) {
                throw InferenceException.badRequest("input '" + name + "': shape " + shapeNode
                        + " must list sizes of 0 or more");
            }
            shape[i] = dim.longValue();
        }
        try {
            Shapes.elementCount(shape);
        } catch (ArithmeticException e) {
            throw InferenceException.badRequest("input '" + name + "': shape " + shapeNode + " is too large");
        }
        return shape;
    }

    private static List<String> readRequestedOutputs(JsonNode outputs) {
        if (outputs == null || outputs.isNull()) {
            return List.of();
        }
        if (!outputs.isArray()) {
            throw InferenceException.badRequest("'outputs' must be an array of {\"name\": ...} objects");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode name = outputs.get(i).get("name");
            if (name == null || !name.isTextual()) {
                throw InferenceException.badRequest("outputs[" + i + "] has no 'name'");
            }
            names.add(name.textValue());
        }
        return names;
    }

    private Map<String, Object> readParameters(JsonNode parameters, String where) {
        if (parameters == null || parameters.isNull()) {
            return Map.of();
        }
        if (!parameters.isObject()) {
            throw InferenceException.badRequest(where + " 'parameters' must be an object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        parameters.fields().forEachRemaining(e -> values.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class)));
        values.values().removeIf(v -> v == null);
        return values;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** Encodes an inference response with flat data arrays. */
    public byte[] writeResponse(InferenceResponse response) {
        return write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("model_name", response.modelName());
            if (response.modelVersion() != null) {
                gen.writeStringField("model_version", response.modelVersion());
            }
            if (response.id() != null) {
                gen.writeStringField("id", response.id());
            }
            gen.writeArrayFieldStart("outputs");
            for (Tensor output : response.outputs()) {
                gen.writeStartObject();
                gen.writeStringField("name", output.name());
                gen.writeStringField("datatype", output.datatype().name());
                gen.writeFieldName("shape");
                gen.writeArray(output.shape(), 0, output.shape().length);
                gen.writeFieldName("data");
                TensorDataWriter.write(gen, output);
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    /** Encodes model metadata as OIP's {@code $metadata_model_response}. */
    public byte[] writeModelMetadata(ModelMetadata metadata) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", metadata.name());
        metadata.versions().forEach(root.withArray("versions")::add);
        root.put("platform", metadata.platform());
        metadata.signature().inputs().forEach(spec -> TensorDataWriter.spec(root.withArray("inputs").addObject(), spec));
        metadata.signature().outputs().forEach(spec -> TensorDataWriter.spec(root.withArray("outputs").addObject(), spec));
        return bytes(root);
    }

    /** Encodes server metadata as OIP's {@code $metadata_server_response}. */
    public byte[] writeServerMetadata(ServerMetadata metadata) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", metadata.name());
        root.put("version", metadata.version());
        metadata.extensions().forEach(root.withArray("extensions")::add);
        return bytes(root);
    }

    /** Encodes a small JSON object of string or boolean fields, e.g. {@code {"live": true}}. */
    public byte[] writeFields(Map<String, ?> fields) {
        return bytes(mapper.valueToTree(fields));
    }

    /** Encodes any Jackson-serializable value, e.g. a drift profile record. */
    public byte[] writeValue(Object value) {
        return bytes(mapper.valueToTree(value));
    }

    /** Encodes an error as OIP's {@code {"error": "..."}}. */
    public byte[] writeError(String message) {
        return writeFields(Map.of("error", message == null ? "unknown error" : message));
    }

    /** The mapper this codec uses, configured for OIP (NaN allowed). */
    public ObjectMapper mapper() {
        return mapper;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] write(JsonWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = factory.createGenerator(out)) {
            writer.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes JSON to a generator. */
    @FunctionalInterface
    private interface JsonWriter {
        void write(JsonGenerator gen) throws IOException;
    }
}
