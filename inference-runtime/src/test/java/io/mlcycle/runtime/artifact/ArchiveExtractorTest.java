package io.mlcycle.runtime.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malicious archives are crafted here, byte for byte, and must be refused before anything escapes. */
class ArchiveExtractorTest {

    private final ArchiveExtractor extractor = new ArchiveExtractor(1 << 20, 100);

    @TempDir
    Path dir;

    @Test
    void unpacksAnOrdinaryTarGzAndZip() throws IOException {
        Path tgz = tarGz("ok.tar.gz", file("m/model.json", "{}"), file("m/mlcycle-model.json", "{}"));
        extractor.extract(tgz, ArchiveExtractor.Format.TAR_GZ, dir.resolve("out1"));
        assertThat(dir.resolve("out1/m/model.json")).hasContent("{}");

        Path zip = zip("ok.zip", "model.onnx", false);
        extractor.extract(zip, ArchiveExtractor.Format.ZIP, dir.resolve("out2"));
        assertThat(dir.resolve("out2/model.onnx")).exists();
    }

    @Test
    void refusesTarEntriesThatEscapeOrLink() throws IOException {
        assertUnsafe(tarGz("dots.tar.gz", file("../../evil.sh", "x")), "entry '../../evil.sh' contains '..'");
        assertUnsafe(tarGz("inner.tar.gz", file("m/../../evil", "x")), "contains '..'");
        assertUnsafe(tarGz("abs.tar.gz", file("/etc/cron.d/evil", "x")), "has an absolute path");
        assertUnsafe(tarGz("sym.tar.gz", link("m/model.json", "/etc/passwd", TarConstants.LF_SYMLINK)),
                "entry 'm/model.json' is a link (to '/etc/passwd')");
        assertUnsafe(tarGz("hard.tar.gz", link("m/model.json", "/etc/shadow", TarConstants.LF_LINK)), "is a link");
        assertUnsafe(tarGz("dev.tar.gz", link("m/null", "", TarConstants.LF_CHR)), "device or FIFO");
        assertUnsafe(tarGz("twice.tar.gz", file("a", "1"), file("a", "2")), "appears more than once");
        assertThat(dir.getParent().resolve("evil.sh")).doesNotExist();
    }

    @Test
    void refusesZipEntriesThatEscapeOrLink() throws IOException {
        assertUnsafe(zip("dots.zip", "../evil.sh", false), "entry '../evil.sh' contains '..'");
        assertUnsafe(zip("backslash.zip", "..\\evil.sh", false), "contains '..'");
        assertUnsafe(zip("abs.zip", "/tmp/evil.sh", false), "absolute path");
        assertUnsafe(zip("drive.zip", "C:/Windows/evil.dll", false), "absolute path");
        assertUnsafe(zip("sym.zip", "model.onnx", true), "is a symbolic link");
    }

    @Test
    void refusesArchivesThatExpandTooFarOrHoldTooManyEntries() throws IOException {
        assertUnsafe(tarGz("big.tar.gz", file("big", "x".repeat((1 << 20) + 1))), "expands beyond 1048576 bytes");
        TarFile[] many = new TarFile[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = file("f" + i, "");
        }
        assertUnsafe(tarGz("many.tar.gz", many), "more than 100 entries");
    }

    private void assertUnsafe(Path archive, String message) {
        ArchiveExtractor.Format format = ArchiveExtractor.formatOf(archive.getFileName().toString()).orElseThrow();
        assertThatThrownBy(() -> extractor.extract(archive, format, dir.resolve("x-" + archive.getFileName())))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining(message);
    }

    /** One tar entry to write: a regular file with content, or a link/device entry. */
    record TarFile(String name, String content, byte type, String linkName) {
    }

    static TarFile file(String name, String content) {
        return new TarFile(name, content, TarConstants.LF_NORMAL, null);
    }

    static TarFile link(String name, String target, byte type) {
        return new TarFile(name, "", type, target);
    }

    private Path tarGz(String name, TarFile... entries) throws IOException {
        Path archive = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarFile file : entries) {
                // preserveAbsolutePath keeps "/etc/..." and "../" exactly as an attacker would write them.
                TarArchiveEntry entry = new TarArchiveEntry(file.name(), file.type(), true);
                byte[] bytes = file.content().getBytes(StandardCharsets.UTF_8);
                if (file.linkName() != null) {
                    entry.setLinkName(file.linkName());
                } else {
                    entry.setSize(bytes.length);
                }
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    private Path zip(String name, String entryName, boolean symlink) throws IOException {
        Path archive = dir.resolve(name);
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
            ZipArchiveEntry entry = new ZipArchiveEntry(entryName);
            if (symlink) {
                entry.setUnixMode(0120777);
            }
            zip.putArchiveEntry(entry);
            zip.write((symlink ? "/etc/passwd" : "bytes").getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        return archive;
    }
}
