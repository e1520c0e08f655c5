package io.mlcycle.api.v1alpha1;

/** Serialization formats the inference runtime loads. */
public enum ModelFormat {
    onnx,
    pytorch,
    xgboost
}
