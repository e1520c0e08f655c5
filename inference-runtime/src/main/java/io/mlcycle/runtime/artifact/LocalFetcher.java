package io.mlcycle.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads artifacts from the local file system: {@code file:///abs/path} as is, and {@code pvc://claim/path} under
 * the directory where the claim is mounted ({@code <mountRoot>/<claim>/<path>}), never outside it.
 */
public final class LocalFetcher implements ArtifactFetcher {

    private final Path pvcMountRoot;

    public LocalFetcher(Path pvcMountRoot) {
        this.pvcMountRoot = pvcMountRoot.toAbsolutePath().normalize();
    }

    @Override
    public InputStream open(ArtifactUri uri) throws IOException {
        Path file = resolve(uri);
        if (Files.isDirectory(file)) {
            throw new ArtifactException("artifact " + uri + " is a directory; publish the model as one file or a "
                    + ".tar.gz/.zip archive, whose sha256 is the artifact's digest");
        }
        if (!Files.isRegularFile(file)) {
            throw new ArtifactException("artifact " + uri + " does not exist (looked at " + file + ")");
        }
        return Files.newInputStream(file);
    }

    /** The local path an artifact URI stands for. */
    public Path resolve(ArtifactUri uri) {
        return switch (uri.scheme()) {
            case "file" -> Path.of(uri.path()).toAbsolutePath().normalize();
            case "pvc" -> {
                Path claim = pvcMountRoot.resolve(uri.location()).normalize();
                Path file = claim.resolve(uri.path()).normalize();
                if (!claim.startsWith(pvcMountRoot) || !file.startsWith(claim)) {
                    throw new ArtifactException("artifact " + uri + " points outside the claim's mount");
                }
                yield file;
            }
            default -> throw new IllegalArgumentException("not a local artifact: " + uri);
        };
    }
}
