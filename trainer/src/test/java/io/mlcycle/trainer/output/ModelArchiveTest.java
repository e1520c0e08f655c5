package io.mlcycle.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcycle.runtime.artifact.ArchiveExtractor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact archive: the same bytes for the same files, whenever and by whomever it is made. */
class ModelArchiveTest {

    @TempDir
    Path dir;

    private static TreeMap<String, byte[]> files() {
        TreeMap<String, byte[]> files = new TreeMap<>();
        files.put("model.json", "{\"learner\": {}}".getBytes(StandardCharsets.UTF_8));
        files.put("mlcycle-model.json", "{\"format\": \"xgboost\"}".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    @Test
    void theSameFilesMakeTheSameBytes() throws Exception {
        byte[] first = ModelArchive.tarGz(files());
        Thread.sleep(1100); // a timestamp anywhere in the archive would now differ
        byte[] second = ModelArchive.tarGz(files());

        assertThat(second).isEqualTo(first);
        // gzip header: magic, deflate, no flags, MTIME 0.
        assertThat(first).startsWith((byte) 0x1f, (byte) 0x8b, (byte) 8, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                (byte) 0);
    }

    @Test
    void entriesAreSortedWithFixedOwnersModeAndTime() throws Exception {
        List<TarArchiveEntry> entries = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new ByteArrayInputStream(ModelArchive.tarGz(files()))))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                entries.add(entry);
            }
        }

        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly("mlcycle-model.json", "model.json");
        for (TarArchiveEntry entry : entries) {
            assertThat(entry.getModTime().getTime()).isZero();
            assertThat(entry.getLongUserId()).isZero();
            assertThat(entry.getLongGroupId()).isZero();
            assertThat(entry.getUserName()).isEmpty();
            assertThat(entry.getMode()).isEqualTo(0100644);
        }
    }

    @Test
    void theRuntimeUnpacksIt() throws Exception {
        Path archive = Files.write(dir.resolve("model.tar.gz"), ModelArchive.tarGz(files()));

        new ArchiveExtractor(1 << 20, 10).extract(archive, ArchiveExtractor.Format.TAR_GZ, dir.resolve("model"));

        assertThat(dir.resolve("model/model.json")).hasContent("{\"learner\": {}}");
        assertThat(dir.resolve("model/mlcycle-model.json")).hasContent("{\"format\": \"xgboost\"}");
    }
}
