package io.mlcycle.runtime.serving;

import io.mlcycle.runtime.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * One OIP inference request: optional id, input tensors, the outputs asked for (empty means all) and free-form
 * parameters as the client sent them.
 */
public record InferenceRequest(String id, List<Tensor> inputs, List<String> requestedOutputs,
        Map<String, Object> parameters) {

    public InferenceRequest {
        inputs = List.copyOf(inputs);
        requestedOutputs = List.copyOf(requestedOutputs);
        parameters = Map.copyOf(parameters);
    }

    public static InferenceRequest of(List<Tensor> inputs) {
        return new InferenceRequest(null, inputs, List.of(), Map.of());
    }
}
