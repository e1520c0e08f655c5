package io.mlcycle.api.v1alpha1;

/** Tensor element types of the Open Inference Protocol (KServe V2). */
public enum TensorDatatype {
    BOOL,
    UINT8,
    UINT16,
    UINT32,
    UINT64,
    INT8,
    INT16,
    INT32,
    INT64,
    FP16,
    FP32,
    FP64,
    BYTES
}
