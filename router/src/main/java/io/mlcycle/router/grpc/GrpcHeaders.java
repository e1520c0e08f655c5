package io.mlcycle.router.grpc;

import io.grpc.Metadata;

/** The metadata keys the router reads and writes, named as the REST headers are. */
final class GrpcHeaders {

    /** On a call: pin it to this revision. On the answer's headers: the revision that answered. */
    static final Metadata.Key<String> REVISION = Metadata.Key.of("x-mlcycle-revision", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcHeaders() {
    }
}
