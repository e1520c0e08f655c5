package io.mlcycle.runtime.engine;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.tensor.Datatype;
import io.mlcycle.runtime.tensor.ModelSignature;
import io.mlcycle.runtime.tensor.TensorSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds a model's signature: the manifest's when it gives one, else what the model file itself declares
 * (XGBoost JSON: feature and class counts; ONNX: the graph's inputs and outputs; the built-in MLP: its
 * architecture). TorchScript declares nothing usable, so TorchScript models need a manifest signature.
 */
public final class SignatureResolver {

    /** Input name given to XGBoost models without a manifest signature. */
    public static final String XGBOOST_INPUT = "input";
    /** Output name given to XGBoost models without a manifest signature. */
    public static final String XGBOOST_OUTPUT = "output";

    private final ObjectMapper mapper;

    public SignatureResolver(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ModelSignature resolve(EngineSelector.Selection selection) {
        if (selection.manifest().signature().isPresent()) {
            return selection.manifest().signature().get();
        }
        return switch (selection.engine()) {
            case XGBOOST -> xgboost(selection.modelFile(), selection.manifest());
            case ONNXRUNTIME -> onnx(selection.modelFile());
            case PYTORCH -> selection.manifest().architecture().map(BuiltinMlp::signature).orElseThrow(
                    () -> new ModelLoadException("a TorchScript model does not declare its tensors: give 'signature' in "
                            + ModelManifest.FILE_NAME + " beside " + selection.modelFile().getFileName()));
        };
    }

    private ModelSignature xgboost(Path file, ModelManifest manifest) {
        if (!file.getFileName().toString().endsWith(".json")) {
            throw new ModelLoadException("XGBoost model " + file.getFileName() + " is binary: give 'signature' in "
                    + ModelManifest.FILE_NAME + " or save the model as model.json");
        }
        JsonNode params;
        JsonNode objective;
        try {
            JsonNode learner = mapper.readTree(file.toFile()).path("learner");
            params = learner.path("learner_model_param");
            objective = learner.path("objective").path("name");
        } catch (IOException e) {
            throw new ModelLoadException(file + " is not a valid XGBoost JSON model: " + e.getMessage(), e);
        }
        long features = params.path("num_feature").asLong(-1);
        if (features <= 0) {
            throw new ModelLoadException(file + " has no learner.learner_model_param.num_feature; is it an XGBoost "
                    + "JSON model?");
        }
        if (!manifest.features().isEmpty() && manifest.features().size() != features) {
            throw new ModelLoadException(ModelManifest.FILE_NAME + " lists " + manifest.features().size()
                    + " features but the XGBoost model has " + features);
        }
        long classes = params.path("num_class").asLong(0);
        long targets = params.path("num_target").asLong(1);
        long[] outputShape;
        if (classes > 1 && "multi:softprob".equals(objective.asText())) {
            outputShape = new long[] {-1, classes};
        } else if (targets > 1) {
            outputShape = new long[] {-1, targets};
        } else {
            outputShape = new long[] {-1};
        }
        return new ModelSignature(
                List.of(new TensorSpec(XGBOOST_INPUT, Datatype.FP32, new long[] {-1, features})),
                List.of(new TensorSpec(XGBOOST_OUTPUT, Datatype.FP32, outputShape)));
    }

    private static ModelSignature onnx(Path file) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(file.toString(), options)) {
            return new ModelSignature(onnxSpecs(session.getInputInfo()), onnxSpecs(session.getOutputInfo()));
        } catch (OrtException e) {
            throw new ModelLoadException("ONNX Runtime cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static List<TensorSpec> onnxSpecs(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof TensorInfo info) {
                long[] shape = info.getShape().clone();
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = Math.max(shape[i], -1);
                }
                specs.add(new TensorSpec(node.getName(), datatype(info.onnxType, node.getName()), shape));
            } else {
                // Sequences of maps (e.g. scikit-learn's ZipMap) come back from DJL as a 2-D float tensor.
                specs.add(new TensorSpec(node.getName(), Datatype.FP32, new long[] {-1, -1}));
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
