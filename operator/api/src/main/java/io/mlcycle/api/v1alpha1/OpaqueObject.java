package io.mlcycle.api.v1alpha1;

/** Schema stand-in for an object the CRD keeps opaque (type object, unknown fields preserved). */
final class OpaqueObject {

    private OpaqueObject() {
    }
}
