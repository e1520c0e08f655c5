package io.mlcycle.runtime.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Packs model files as a {@code .tar.gz} artifact with one top folder, as users and trainers ship them. */
public final class TarGzArtifact {

    private TarGzArtifact() {
    }

    /** Writes {@code archive} holding {@code folder/<name>} for each file; returns the archive. */
    public static Path pack(Path archive, String folder, List<Path> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Path file : files) {
                tar.putArchiveEntry(new TarArchiveEntry(file.toFile(), folder + "/" + file.getFileName()));
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }
}
