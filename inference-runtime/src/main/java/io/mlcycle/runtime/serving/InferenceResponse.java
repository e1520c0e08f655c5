package io.mlcycle.runtime.serving;

import io.mlcycle.runtime.tensor.Tensor;
import java.util.List;

/** One OIP inference response: which model and version answered, the request id echoed, and output tensors. */
public record InferenceResponse(String modelName, String modelVersion, String id, List<Tensor> outputs) {

    public InferenceResponse {
        outputs = List.copyOf(outputs);
    }
}
