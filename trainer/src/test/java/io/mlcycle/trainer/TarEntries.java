package io.mlcycle.trainer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The entries of a {@code .tar.gz}, by name in archive order, with their bytes. */
public final class TarEntries {

    private TarEntries() {
    }

    public static Map<String, byte[]> read(Path archive) throws IOException {
        return read(Files.readAllBytes(archive));
    }

    public static Map<String, byte[]> read(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = new ByteArrayInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                entries.put(entry.getName(), tar.readAllBytes());
            }
        }
        return entries;
    }
}
