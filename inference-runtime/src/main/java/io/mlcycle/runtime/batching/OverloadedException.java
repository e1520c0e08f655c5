package io.mlcycle.runtime.batching;

import io.mlcycle.runtime.InferenceException;

/** The model's queue is full: the caller should back off and retry (HTTP 429 with Retry-After, gRPC RESOURCE_EXHAUSTED). */
public final class OverloadedException extends InferenceException {

    private final int retryAfterSeconds;

    public OverloadedException(String message, int retryAfterSeconds) {
        super(Kind.OVERLOADED, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds a client should wait before trying again (HTTP's Retry-After). */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
