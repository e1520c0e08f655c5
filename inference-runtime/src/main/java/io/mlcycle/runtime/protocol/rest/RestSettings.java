package io.mlcycle.runtime.protocol.rest;

/** The REST transport's settings, handed in by the application so the transport never reads configuration itself. */
public record RestSettings(long maxRequestBytes) {

    public RestSettings {
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("max request bytes must be at least 1");
        }
    }
}
