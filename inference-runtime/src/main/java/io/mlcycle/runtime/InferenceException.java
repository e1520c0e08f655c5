package io.mlcycle.runtime;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A failed inference call, classified so each transport can map it to its own status (HTTP 4xx/5xx, gRPC codes). */
public class InferenceException extends RuntimeException {

    /** What kind of failure this is; decides the status a transport answers with. */
    public enum Kind {
        /** The request is malformed or does not fit the model (HTTP 400). */
        BAD_REQUEST,
        /** The model or version does not exist (HTTP 404). */
        NOT_FOUND,
        /** The request is larger than the server accepts (HTTP 413). */
        TOO_LARGE,
        /** The server is busy and the caller should retry later (HTTP 429). */
        OVERLOADED,
        /** The model exists but is not ready (HTTP 503). */
        UNAVAILABLE,
        /** The engine failed on a valid request (HTTP 500). */
        INTERNAL
    }

    private final Kind kind;

    public InferenceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public InferenceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static InferenceException badRequest(String message) {
        return new InferenceException(Kind.BAD_REQUEST, message);
    }

    public static InferenceException notFound(String message) {
        return new InferenceException(Kind.NOT_FOUND, message);
    }

    /** The failure a {@code CompletionException} wraps (or the failure itself), to rethrow on a caller's thread. */
    public static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            // Rethrowing inside a future's callback would be swallowed and leave the caller with no answer:
            // hand it back as an internal failure so REST answers 500 and gRPC INTERNAL.
            return new IllegalStateException("engine failure: " + error, error);
        }
        return new IllegalStateException(cause);
    }

    public Kind kind() {
        return kind;
    }
}
