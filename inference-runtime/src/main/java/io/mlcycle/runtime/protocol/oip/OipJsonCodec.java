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
import io.mlcycle.runtime.serving.InferenceRequest;
import io.mlcycle.runtime.serving.InferenceResponse;
import io.mlcycle.runtime.serving.ModelMetadata;
import io.mlcycle.runtime.serving.ServerMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
 *
 * <p>Triton's binary tensor data extension (what {@code tritonclient.http} sends by default) is read and written
 * too: the body is a JSON header of {@code Inference-Header-Content-Length} bytes followed by the tensors' bytes
 * ({@link BinaryTensorData}), in the order of the inputs (or outputs) whose {@code parameters.binary_data_size} gives
 * their length. An output is sent so when its {@code parameters.binary_data} is true, or when the request's
 * {@code parameters.binary_data_output} is and the output does not say otherwise.
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

    /** An inference request as decoded, and which of its outputs the client wants as binary data. */
    public record DecodedRequest(InferenceRequest request, BinaryOutputs binaryOutputs) {
    }

    /** Which outputs an answer carries as binary data: those named so, else all or none by the request's default. */
    public record BinaryOutputs(boolean byDefault, Map<String, Boolean> named) {

        public static final BinaryOutputs NONE = new BinaryOutputs(false, Map.of());

        public BinaryOutputs {
            named = Map.copyOf(named);
        }

        public boolean binary(String output) {
            return named.getOrDefault(output, byDefault);
        }
    }

    /** An encoded answer: its bytes, and the length of its JSON header when binary data follows it (else -1). */
    public record EncodedResponse(byte[] body, int jsonHeaderLength) {

        public boolean hasBinaryData() {
            return jsonHeaderLength >= 0;
        }
    }

    /** Decodes a plain JSON inference request; every problem is a BAD_REQUEST naming the input and what is wrong. */
    public InferenceRequest readRequest(byte[] body) {
        return readRequest(body, body.length).request();
    }

    /**
     * Decodes an inference request whose first {@code jsonLength} bytes are JSON and whose remaining bytes, if any,
     * are the binary data of the inputs that give {@code binary_data_size}. Every problem is a BAD_REQUEST naming
     * the input and what is wrong.
     */
    public DecodedRequest readRequest(byte[] body, int jsonLength) {
        if (jsonLength < 0 || jsonLength > body.length) {
            throw InferenceException.badRequest("Inference-Header-Content-Length is " + jsonLength + " but the body "
                    + "has " + body.length + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body, 0, jsonLength);
        } catch (JsonProcessingException e) {
            throw InferenceException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // Reading bytes does no I/O: this is a malformed body too (e.g. CharConversionException for bytes that
            // look like UTF-32 and end mid-character).
            throw InferenceException.badRequest("request body is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw InferenceException.badRequest("request body must be a JSON object with an 'inputs' array");
        }
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw InferenceException.badRequest("request has no 'inputs' array (or it is empty)");
        }
        ByteBuffer binary = jsonLength < body.length
                ? ByteBuffer.wrap(body, jsonLength, body.length - jsonLength).slice() : null;
        List<Tensor> tensors = new ArrayList<>(inputs.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor tensor = readInput(inputs.get(i), i, binary);
            if (!names.add(tensor.name())) {
                throw InferenceException.badRequest("input '" + tensor.name() + "' is given more than once");
            }
            tensors.add(tensor);
        }
        if (binary != null && binary.hasRemaining()) {
            throw InferenceException.badRequest(binary.remaining() + " bytes of binary data are left after the last "
                    + "input's binary_data_size");
        }
        Map<String, Object> parameters = readParameters(root.get("parameters"), "request");
        Map<String, Boolean> binaryOutputs = new LinkedHashMap<>();
        List<String> outputs = readRequestedOutputs(root.get("outputs"), binaryOutputs);
        Object byDefault = parameters.getOrDefault("binary_data_output", false);
        if (!(byDefault instanceof Boolean)) {
            throw InferenceException.badRequest("request parameters.binary_data_output must be true or false");
        }
        return new DecodedRequest(new InferenceRequest(text(root.get("id")), tensors, outputs, parameters),
                new BinaryOutputs((Boolean) byDefault, binaryOutputs));
    }

    private Tensor readInput(JsonNode input, int index, ByteBuffer binary) {
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
        long count = Shapes.elementCount(shape);
        if (count > Integer.MAX_VALUE) {
            throw InferenceException.badRequest("input '" + name + "': shape " + Shapes.format(shape) + " is too large");
        }
        JsonNode data = input.get("data");
        JsonNode binarySize = input.path("parameters").get("binary_data_size");
        if (binarySize != null) {
            if (data != null && !data.isNull()) {
                throw InferenceException.badRequest("input '" + name + "' has both 'data' and parameters."
                        + "binary_data_size; send its data one way");
            }
            return new Tensor(name, datatype, shape, BinaryTensorData.read(name, datatype, shape,
                    binaryData(name, binarySize, binary), (int) count, "binary data"));
        }
        if (data == null || data.isNull()) {
            throw InferenceException.badRequest("input '" + name + "' has no 'data'");
        }
        Object values = new TensorDataReader(name, datatype).read(data, (int) count);
        return new Tensor(name, datatype, shape, values);
    }

    /** This input's bytes of the binary section, which then moves past them. */
    private static ByteBuffer binaryData(String name, JsonNode size, ByteBuffer binary) {
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
            throw InferenceException.badRequest("input '" + name + "': parameters.binary_data_size must be a "
                    + "whole number of bytes, got " + size);
        }
        if (binary == null) {
            throw InferenceException.badRequest("input '" + name + "' gives binary_data_size but no binary data "
                    + "follows the JSON (set Inference-Header-Content-Length to the JSON's length)");
        }
        if (size.longValue() > binary.remaining()) {
            throw InferenceException.badRequest("input '" + name + "': binary_data_size is " + size.longValue()
                    + " but only " + binary.remaining() + " bytes of binary data are left");
        }
        ByteBuffer own = binary.slice();
        own.limit((int) size.longValue());
        binary.position(binary.position() + (int) size.longValue());
        return own;
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

    private static List<String> readRequestedOutputs(JsonNode outputs, Map<String, Boolean> binary) {
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
            JsonNode binaryData = outputs.get(i).path("parameters").get("binary_data");
            if (binaryData != null) {
                if (!binaryData.isBoolean()) {
                    throw InferenceException.badRequest("output '" + name.textValue() + "': parameters.binary_data "
                            + "must be true or false");
                }
                binary.put(name.textValue(), binaryData.booleanValue());
            }
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

    /** Encodes an inference response as plain JSON, with flat data arrays. */
    public byte[] writeResponse(InferenceResponse response) {
        return writeResponse(response, BinaryOutputs.NONE).body();
    }

    /**
     * Encodes an inference response: outputs wanted as binary data get {@code parameters.binary_data_size} in the
     * JSON header and their bytes after it, in output order; the others flat data arrays.
     */
    public EncodedResponse writeResponse(InferenceResponse response, BinaryOutputs binary) {
        List<byte[]> binaryData = new ArrayList<>();
        byte[] json = write(gen -> {
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
                if (binary.binary(output.name())) {
                    byte[] bytes = BinaryTensorData.write(output);
                    binaryData.add(bytes);
                    gen.writeObjectFieldStart("parameters");
                    gen.writeNumberField("binary_data_size", bytes.length);
                    gen.writeEndObject();
                } else {
                    gen.writeFieldName("data");
                    TensorDataWriter.write(gen, output);
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
        if (binaryData.isEmpty()) {
            return new EncodedResponse(json, -1);
        }
        byte[] body = new byte[json.length + binaryData.stream().mapToInt(b -> b.length).sum()];
        System.arraycopy(json, 0, body, 0, json.length);
        int at = json.length;
        for (byte[] bytes : binaryData) {
            System.arraycopy(bytes, 0, body, at, bytes.length);
            at += bytes.length;
        }
        return new EncodedResponse(body, json.length);
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
