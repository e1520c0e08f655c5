package io.mlcycle.runtime.serving;

import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.Shapes;
import io.mlcycle.runtime.tensor.Tensor;
import io.mlcycle.runtime.tensor.TensorSpec;

/** Checks a decoded request against a model's signature; each failure names the tensor and what is wrong. */
final class RequestValidator {

    private RequestValidator() {
    }

    static void validate(String model, ModelSignature signature, InferenceRequest request) {
        for (Tensor input : request.inputs()) {
            TensorSpec spec = signature.input(input.name()).orElseThrow(() -> InferenceException.badRequest(
                    "unknown input '" + input.name() + "'; model '" + model + "' takes " + signature.inputNames()));
            if (input.datatype() != spec.datatype()) {
                throw InferenceException.badRequest("input '" + input.name() + "' has datatype " + input.datatype()
                        + " but model '" + model + "' expects " + spec.datatype());
            }
            if (!spec.acceptsShape(input.shape())) {
                throw InferenceException.badRequest("input '" + input.name() + "' has shape "
                        + Shapes.format(input.shape()) + " but model '" + model + "' expects "
                        + Shapes.format(spec.shape()) + " (-1 = any size)");
            }
        }
        for (TensorSpec spec : signature.inputs()) {
            boolean present = Tensor.named(request.inputs(), spec.name()).isPresent();
            if (!present) {
                throw InferenceException.badRequest("missing input '" + spec.name() + "'; model '" + model
                        + "' takes " + signature.inputNames());
            }
        }
        checkBatchSizes(request);
        for (String output : request.requestedOutputs()) {
            if (signature.output(output).isEmpty()) {
                throw InferenceException.badRequest("unknown output '" + output + "'; model '" + model
                        + "' returns " + signature.outputNames());
            }
        }
    }

    private static void checkBatchSizes(InferenceRequest request) {
        Tensor first = null;
        for (Tensor input : request.inputs()) {
            if (input.shape().length == 0) {
                continue;
            }
            if (first == null) {
                first = input;
            } else if (first.shape()[0] != input.shape()[0]) {
                throw InferenceException.badRequest("inputs disagree on the batch size: '" + first.name() + "' has "
                        + first.shape()[0] + " rows, '" + input.name() + "' has " + input.shape()[0]);
            }
        }
    }
}
