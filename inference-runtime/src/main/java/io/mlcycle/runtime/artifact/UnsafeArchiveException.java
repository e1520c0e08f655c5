package io.mlcycle.runtime.artifact;

/** An archive holds an entry that could write outside the model directory or exhaust the disk; nothing is kept. */
public class UnsafeArchiveException extends ArtifactException {

    public UnsafeArchiveException(String message) {
        super(message);
    }
}
