package io.mlcycle.trainer.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.SortedMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * {@code model.tar.gz}, byte for byte the same for the same files: entries in name order, each with mode 0644,
 * uid/gid 0, no owner names and modification time 0 (1970-01-01), and a gzip header with time 0 and no file name. So
 * the artifact's SHA-256 depends on the model alone, and retraining on the same data gives the same digest.
 */
public final class ModelArchive {

    private static final int FILE_MODE = 0100644;

    private ModelArchive() {
    }

    public static byte[] tarGz(SortedMap<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GzipParameters gzip = new GzipParameters();
        gzip.setModificationTime(0);
        gzip.setOS(GzipParameters.OS.UNKNOWN);
        try (GzipCompressorOutputStream compressed = new GzipCompressorOutputStream(bytes, gzip);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true);
                entry.setSize(file.getValue().length);
                entry.setMode(FILE_MODE);
                entry.setIds(0, 0);
                entry.setUserName("");
                entry.setGroupName("");
                entry.setLastModifiedTime(FileTime.fromMillis(0));
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive the model in memory", e);
        }
        return bytes.toByteArray();
    }
}
