package io.mlcycle.api.v1alpha1;

/** DJL engines the inference runtime can run a model on. */
public enum Engine {
    auto,
    onnxruntime,
    pytorch,
    xgboost
}
