package io.mlcycle.router.compare;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outputs of one Open Inference Protocol answer, by name: each a tensor's shape and its elements in row-major
 * order (numbers as doubles, anything else as its text). Read from a REST body (JSON) or a gRPC
 * {@code ModelInferResponse} ({@link GrpcInferResponse}).
 */
public record OipAnswer(Map<String, Tensor> outputs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One output tensor; {@code floating} for FP16, BF16, FP32 and FP64 elements (compared with a tolerance). */
    public record Tensor(long[] shape, List<Object> data, boolean floating) {

        /** A tensor whose elements fill its shape exactly (a scalar's shape is empty). */
        static Optional<Tensor> of(long[] shape, List<Object> data, String datatype) {
            long elements = 1;
            for (long dim : shape) {
                elements *= dim;
            }
            Tensor tensor = new Tensor(shape, data, datatype.startsWith("FP") || datatype.equals("BF16"));
            return elements == data.size() && tensor.rows() > 0 ? Optional.of(tensor) : Optional.empty();
        }

        /** Rows along the first dimension (a scalar output is one row). */
        public int rows() {
            return shape.length == 0 ? 1 : (int) shape[0];
        }

        /** The elements of row {@code row}. */
        public List<Object> row(int row) {
            int width = data.size() / Math.max(1, rows());
            return data.subList(row * width, (row + 1) * width);
        }
    }

    /**
     * The answer in an OIP REST body ({@code {"outputs":[{"name","datatype","shape","data"}...]}}); empty when it is
     * none, or when an output's data is not in the JSON (the binary tensor extension's {@code binary_data_size}): an
     * answer read in part is never compared.
     */
    public static Optional<OipAnswer> fromJson(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.path("outputs").isArray()) {
            return Optional.empty();
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (JsonNode output : root.path("outputs")) {
            JsonNode shape = output.path("shape");
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).asLong();
            }
            List<Object> data = new ArrayList<>();
            flatten(output.path("data"), data);
            Optional<Tensor> tensor = Tensor.of(dims, data, output.path("datatype").asText(""));
            if (tensor.isEmpty()) {
                return Optional.empty();
            }
            outputs.put(output.path("name").asText(), tensor.get());
        }
        return Optional.of(new OipAnswer(outputs));
    }

    // OIP REST allows data flat or nested by the shape: both read as row-major.
    private static void flatten(JsonNode node, List<Object> into) {
        if (node.isArray()) {
            node.forEach(element -> flatten(element, into));
        } else if (node.isNumber()) {
            into.add(node.asDouble());
        } else if (!node.isMissingNode()) {
            into.add(node.asText());
        }
    }
}
