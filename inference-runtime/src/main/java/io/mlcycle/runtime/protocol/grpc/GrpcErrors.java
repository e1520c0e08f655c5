package io.mlcycle.runtime.protocol.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.mlcycle.runtime.InferenceException;
import io.mlcycle.runtime.batching.OverloadedException;

/** gRPC statuses for each kind of {@link InferenceException}; the description is the same message REST sends. */
final class GrpcErrors {

    /** gRPC's own retry pushback hint, honoured by clients with a retry policy. */
    private static final Metadata.Key<String> RETRY_PUSHBACK =
            Metadata.Key.of("grpc-retry-pushback-ms", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcErrors() {
    }

    static Status.Code code(InferenceException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> Status.Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case TOO_LARGE, OVERLOADED -> Status.Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case INTERNAL -> Status.Code.INTERNAL;
        };
    }

    static StatusException of(Throwable failure) {
        if (failure instanceof InferenceException e) {
            Status status = Status.fromCode(code(e.kind())).withDescription(e.getMessage());
            if (e instanceof OverloadedException overloaded) {
                Metadata trailers = new Metadata();
                trailers.put(RETRY_PUSHBACK, String.valueOf(overloaded.retryAfterSeconds() * 1000L));
                return status.asException(trailers);
            }
            return status.asException();
        }
        String message = failure == null || failure.getMessage() == null ? String.valueOf(failure) : failure.getMessage();
        return Status.INTERNAL.withDescription("internal error: " + message).withCause(failure).asException();
    }
}
