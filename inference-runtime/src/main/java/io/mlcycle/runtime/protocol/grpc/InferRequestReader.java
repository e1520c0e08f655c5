package io.mlcycle.runtime.protocol.grpc;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.protocol.grpc.proto.InferParameter;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferRequest.InferInputTensor;
import io.mlcycle.runtime.protocol.oip.BinaryTensorData;
import io.mlcycle.runtime.serving.InferenceRequest;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a protobuf {@code ModelInferRequest} into the transport-independent {@link InferenceRequest}, from typed
 * contents or from {@code raw_input_contents}. Every problem is a BAD_REQUEST naming the input, as in the JSON codec.
 */
final class InferRequestReader {

    private InferRequestReader() {
    }

    static InferenceRequest read(ModelInferRequest request) {
        if (request.getInputsCount() == 0) {
            throw InferenceException.badRequest("request has no inputs");
        }
        boolean raw = request.getRawInputContentsCount() > 0;
        if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
            throw InferenceException.badRequest("raw_input_contents has " + request.getRawInputContentsCount()
                    + " entries for " + request.getInputsCount() + " inputs; give one per input, in input order");
        }
        List<Tensor> tensors = new ArrayList<>(request.getInputsCount());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < request.getInputsCount(); i++) {
            Tensor tensor = readInput(request, i, raw);
            if (!names.add(tensor.name())) {
                throw InferenceException.badRequest("input '" + tensor.name() + "' is given more than once");
            }
            tensors.add(tensor);
        }
        List<String> outputs = new ArrayList<>(request.getOutputsCount());
        request.getOutputsList().forEach(output -> outputs.add(output.getName()));
        return new InferenceRequest(request.getId().isEmpty() ? null : request.getId(), tensors, outputs,
                parameters(request.getParametersMap()));
    }

    private static Tensor readInput(ModelInferRequest request, int index, boolean raw) {
        InferInputTensor input = request.getInputs(index);
        String name = input.getName();
        if (name.isEmpty()) {
            throw InferenceException.badRequest("inputs[" + index + "] has no name");
        }
        Datatype type = Datatype.parse(input.getDatatype()).orElseThrow(() -> InferenceException.badRequest(
                "input '" + name + "': unknown datatype '" + input.getDatatype() + "' (expected one of "
                        + Datatype.NAMES + ")"));
        long[] shape = new long[input.getShapeCount()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = input.getShape(d);
            if (shape[d] < 0) {
                throw InferenceException.badRequest("input '" + name + "': shape " + input.getShapeList()
                        + " must list sizes of 0 or more");
            }
        }
        long count;
        try {
            count = Shapes.elementCount(shape);
        } catch (ArithmeticException e) {
            count = Long.MAX_VALUE;
        }
        if (count > Integer.MAX_VALUE) {
            throw InferenceException.badRequest("input '" + name + "': shape " + Shapes.format(shape) + " is too large");
        }
        Object data;
        if (raw) {
            if (input.hasContents() && input.getContents().getSerializedSize() > 0) {
                throw InferenceException.badRequest("input '" + name + "' has contents although the request uses "
                        + "raw_input_contents; use one or the other");
            }
            data = BinaryTensorData.read(name, type, shape, request.getRawInputContents(index).asReadOnlyByteBuffer(),
                    (int) count, "raw contents");
        } else {
            data = TypedContents.read(name, type, shape, input.getContents(), (int) count);
        }
        return new Tensor(name, type, shape, data);
    }

    /** Request parameters as plain Java values, the way the JSON codec gives them. */
    private static Map<String, Object> parameters(Map<String, InferParameter> parameters) {
        Map<String, Object> values = new LinkedHashMap<>();
        parameters.forEach((key, value) -> {
            switch (value.getParameterChoiceCase()) {
                case BOOL_PARAM -> values.put(key, value.getBoolParam());
                case INT64_PARAM -> values.put(key, value.getInt64Param());
                case STRING_PARAM -> values.put(key, value.getStringParam());
                case DOUBLE_PARAM -> values.put(key, value.getDoubleParam());
                case UINT64_PARAM -> values.put(key, Long.toUnsignedString(value.getUint64Param()));
                case PARAMETERCHOICE_NOT_SET -> { }
            }
        });
        return values;
    }
}
