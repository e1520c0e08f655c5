package io.mlcycle.runtime.protocol.rest;

import io.mlcycle.runtime.InferenceException;

/** HTTP status codes for each kind of {@link InferenceException}. */
final class ErrorStatus {

    private ErrorStatus() {
    }

    static int of(InferenceException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case OVERLOADED -> 429;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }
}
