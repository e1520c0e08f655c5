package io.mlcycle.api.v1alpha1;

/** Transports of the Open Inference Protocol. */
public enum Protocol {
    rest,
    grpc
}
