package io.mlcycle.runtime.protocol.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferResponse;
import io.mlcycle.runtime.protocol.grpc.proto.ModelInferResponse.InferOutputTensor;
import io.mlcycle.runtime.protocol.oip.BinaryTensorData;
import io.mlcycle.runtime.serving.InferenceResponse;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.Tensor;

/**
 * Turns an {@link InferenceResponse} into a protobuf {@code ModelInferResponse}. Outputs go in
 * {@code raw_output_contents} when the request came raw (Triton's clients send raw and read only raw) or when an
 * output is FP16, which has no typed field; otherwise in each output's typed {@code contents}.
 */
final class InferResponseWriter {

    private InferResponseWriter() {
    }

    static ModelInferResponse write(InferenceResponse response, boolean requestWasRaw) {
        boolean raw = requestWasRaw || response.outputs().stream().anyMatch(t -> t.datatype() == Datatype.FP16);
        ModelInferResponse.Builder reply = ModelInferResponse.newBuilder().setModelName(response.modelName());
        if (response.modelVersion() != null) {
            reply.setModelVersion(response.modelVersion());
        }
        if (response.id() != null) {
            reply.setId(response.id());
        }
        for (Tensor output : response.outputs()) {
            InferOutputTensor.Builder tensor = reply.addOutputsBuilder().setName(output.name())
                    .setDatatype(output.datatype().name());
            for (long dim : output.shape()) {
                tensor.addShape(dim);
            }
            if (raw) {
                reply.addRawOutputContents(UnsafeByteOperations.unsafeWrap(BinaryTensorData.write(output)));
            } else {
                tensor.setContents(TypedContents.write(output));
            }
        }
        return reply.build();
    }
}
