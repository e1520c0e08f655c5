package io.mlcycle.runtime.engine;

import java.util.Locale;
import java.util.Optional;

/** The engines the runtime can load a model with, by DJL engine name and OIP platform name. */
public enum EngineKind {
    XGBOOST("XGBoost", "xgboost_json"),
    ONNXRUNTIME("OnnxRuntime", "onnxruntime_onnx"),
    PYTORCH("PyTorch", "pytorch_torchscript");

    private final String engineName;
    private final String platform;

    EngineKind(String engineName, String platform) {
        this.engineName = engineName;
        this.platform = platform;
    }

    /**
     * The engine a setting or manifest names: engine names ({@code xgboost}, {@code onnxruntime}, {@code pytorch})
     * or formats ({@code onnx}, {@code torchscript}); {@code auto} and blank mean "not chosen".
     */
    public static Optional<EngineKind> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> Optional.empty();
            case "xgboost" -> Optional.of(XGBOOST);
            case "onnx", "onnxruntime", "ort" -> Optional.of(ONNXRUNTIME);
            case "pytorch", "torchscript", "torch" -> Optional.of(PYTORCH);
            default -> throw new IllegalArgumentException("unknown engine or format '" + value
                    + "' (expected auto, xgboost, onnxruntime/onnx or pytorch/torchscript)");
        };
    }

    /** The engine's name: the one DJL registers it under, for the engines DJL runs. */
    public String engineName() {
        return engineName;
    }

    /** The OIP model metadata {@code platform}. */
    public String platform() {
        return platform;
    }
}
