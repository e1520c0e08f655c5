package io.mlcycle.runtime.engine;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a DJL model's signature: the manifest's when it gives one, else what the model file itself declares
 * (ONNX: the graph's inputs and outputs; the built-in MLP: its architecture). TorchScript declares nothing usable,
 * so TorchScript models need a manifest signature. XGBoost models find theirs in {@link XgboostModel}.
 */
public final class SignatureResolver {

    public ModelSignature resolve(EngineSelector.Selection selection) {
        Optional<ModelSignature> declared = selection.manifest().signature();
        return switch (selection.engine()) {
            case ONNXRUNTIME -> {
                // Read the graph even when the manifest declares the tensors: an output that is no tensor is refused.
                ModelSignature graph = onnx(selection.modelFile());
                yield declared.orElse(graph);
            }
            case PYTORCH -> declared.or(() -> selection.manifest().architecture().map(BuiltinMlp::signature))
                    .orElseThrow(() -> new ModelLoadException("a TorchScript model does not declare its tensors: give "
                            + "'signature' in " + ModelManifest.FILE_NAME + " beside "
                            + selection.modelFile().getFileName()));
            case XGBOOST -> throw new IllegalArgumentException("XGBoost models take their signature from the booster");
        };
    }

    private static ModelSignature onnx(Path file) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(file.toString(), options)) {
            return new ModelSignature(onnxSpecs(session.getInputInfo(), "input"),
                    onnxSpecs(session.getOutputInfo(), "output"));
        } catch (OrtException e) {
            throw new ModelLoadException("ONNX Runtime cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static List<TensorSpec> onnxSpecs(Map<String, NodeInfo> nodes, String kind) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof TensorInfo info) {
                long[] shape = info.getShape().clone();
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = Math.max(shape[i], -1);
                }
                specs.add(new TensorSpec(node.getName(), datatype(info.onnxType, node.getName()), shape));
            } else {
                throw new ModelLoadException("ONNX " + kind + " '" + node.getName() + "' is not a tensor but "
                        + node.getInfo() + ", which the Open Inference Protocol cannot carry. A scikit-learn "
                        + "classifier converted by skl2onnx has its probabilities as a sequence of maps (ZipMap) "
                        + "by default: convert it with to_onnx(model, ..., options={'zipmap': False}) to get a "
                        + "probability tensor");
            }
        }
        return specs;
    }

    private static Datatype datatype(OnnxTensorType type, String name) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> Datatype.BOOL;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> Datatype.UINT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16 -> Datatype.UINT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32 -> Datatype.UINT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64 -> Datatype.UINT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> Datatype.INT8;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> Datatype.INT16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> Datatype.INT32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> Datatype.INT64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16 -> Datatype.FP16;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> Datatype.FP32;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> Datatype.FP64;
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> Datatype.BYTES;
            default -> throw new ModelLoadException("ONNX tensor '" + name + "' has element type " + type
                    + ", which the Open Inference Protocol cannot carry");
        };
    }
}
