package io.mlcycle.router.routing;

/** Which revision gets a copy of {@code percent} of the requests (0..100); its answers are dropped. */
public record Mirror(String revision, int percent) {

    public Mirror {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("mirror percent must be 0..100: " + percent);
        }
    }
}
