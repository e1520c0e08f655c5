package io.mlcycle.runtime.artifact;

/** An artifact could not be fetched, verified or unpacked; the message names the artifact and the reason. */
public class ArtifactException extends RuntimeException {

    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
