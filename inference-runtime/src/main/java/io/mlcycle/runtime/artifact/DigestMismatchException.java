package io.mlcycle.runtime.artifact;

/** The fetched bytes do not have the SHA-256 the artifact was declared with; nothing was unpacked or loaded. */
public class DigestMismatchException extends ArtifactException {

    private final String expected;
    private final String actual;

    public DigestMismatchException(String artifact, String expected, String actual) {
        super("sha256 mismatch: artifact " + artifact + " has sha256 " + actual + " but " + expected
                + " was expected; refusing to load it");
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
