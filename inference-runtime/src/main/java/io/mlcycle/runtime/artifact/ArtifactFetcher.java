package io.mlcycle.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;

/** Opens the bytes of an artifact for one URI scheme. The caller hashes and stores them, then closes the stream. */
@FunctionalInterface
public interface ArtifactFetcher {

    InputStream open(ArtifactUri uri) throws IOException;
}
