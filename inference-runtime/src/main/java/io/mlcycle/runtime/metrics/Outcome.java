package io.mlcycle.runtime.metrics;

import io.mlcycle.runtime.InferenceException;

/** A request's result class, the same for REST and gRPC, so one query gives a canary's error rate across both. */
public enum Outcome {
    SUCCESS, CLIENT_ERROR, SERVER_ERROR;

    /** The outcome of a failure of this kind: the caller's fault (4xx) or the server's (5xx, overload included). */
    public static Outcome of(InferenceException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST, NOT_FOUND, TOO_LARGE -> CLIENT_ERROR;
            case OVERLOADED, UNAVAILABLE, INTERNAL -> SERVER_ERROR;
        };
    }

    /** The outcome of an HTTP status. */
    public static Outcome ofHttp(int status) {
        return status < 400 ? SUCCESS : status < 500 && status != 429 ? CLIENT_ERROR : SERVER_ERROR;
    }
}
