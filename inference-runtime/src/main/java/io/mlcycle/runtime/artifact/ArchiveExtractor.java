package io.mlcycle.runtime.artifact;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks {@code .tar.gz}, {@code .tgz}, {@code .tar} and {@code .zip} archives into an empty directory, refusing
 * (before writing them) entries with absolute paths, {@code ..} segments, symbolic or hard links, devices and
 * FIFOs, duplicate names, and archives that expand beyond {@code maxBytes} or hold more than {@code maxEntries}.
 */
public final class ArchiveExtractor {

    /** The archive formats recognised by file name. */
    public enum Format { TAR_GZ, TAR, ZIP }

    private final long maxBytes;
    private final int maxEntries;

    public ArchiveExtractor(long maxBytes, int maxEntries) {
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    /** The archive format a file name says, if any (a TorchScript {@code .pt} is a zip but is not unpacked). */
    public static Optional<Format> formatOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return Optional.of(Format.TAR_GZ);
        }
        if (name.endsWith(".tar")) {
            return Optional.of(Format.TAR);
        }
        if (name.endsWith(".zip")) {
            return Optional.of(Format.ZIP);
        }
        return Optional.empty();
    }

    public void extract(Path archive, Format format, Path target) throws IOException {
        Files.createDirectories(target);
        Budget budget = new Budget(archive.getFileName().toString());
        if (format == Format.ZIP) {
            extractZip(archive, target, budget);
        } else {
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
                    InputStream in = format == Format.TAR_GZ ? new GzipCompressorInputStream(raw) : raw;
                    TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                extractTar(tar, target, budget);
            }
        }
    }

    private void extractTar(TarArchiveInputStream tar, Path target, Budget budget) throws IOException {
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
            budget.countEntry();
            String name = entry.getName();
            if (entry.isSymbolicLink() || entry.isLink()) {
                throw budget.unsafe(name, "is a link (to '" + entry.getLinkName() + "'); links are refused");
            }
            if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                throw budget.unsafe(name, "is a device or FIFO");
            }
            Path out = safePath(target, name, budget);
            if (entry.isDirectory()) {
                Files.createDirectories(out);
            } else if (entry.isFile()) {
                write(tar, out, name, budget);
            } else {
                throw budget.unsafe(name, "has an unsupported tar entry type");
            }
        }
    }

    private void extractZip(Path archive, Path target, Budget budget) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                budget.countEntry();
                String name = entry.getName();
                if (entry.isUnixSymlink()) {
                    throw budget.unsafe(name, "is a symbolic link; links are refused");
                }
                Path out = safePath(target, name, budget);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        write(in, out, name, budget);
                    }
                }
            }
        }
    }

    /** The path an entry may be written to, inside {@code target}; refuses anything that could escape it. */
    static Path safePath(Path target, String name, Budget budget) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw budget.unsafe(name, "has an empty or invalid name");
        }
        String slashed = name.replace('\\', '/');
        if (slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")) {
            throw budget.unsafe(name, "has an absolute path");
        }
        for (String segment : slashed.split("/")) {
            if (segment.equals("..")) {
                throw budget.unsafe(name, "contains '..'");
            }
        }
        Path root = target.toAbsolutePath().normalize();
        Path out = root.resolve(slashed).normalize();
        if (!out.startsWith(root)) {
            throw budget.unsafe(name, "escapes the model directory");
        }
        return out;
    }

    private void write(InputStream in, Path out, String name, Budget budget) throws IOException {
        Files.createDirectories(out.getParent());
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            throw budget.unsafe(name, "appears more than once");
        }
        try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                budget.countBytes(n, name);
                os.write(buffer, 0, n);
            }
        }
    }

    /** Running totals of one extraction, checked against the limits. */
    final class Budget {
        private final String archive;
        private long bytes;
        private int entries;

        Budget(String archive) {
            this.archive = archive;
        }

        void countEntry() {
            if (++entries > maxEntries) {
                throw new UnsafeArchiveException("archive " + archive + " has more than " + maxEntries + " entries");
            }
        }

        void countBytes(int n, String entry) {
            bytes += n;
            if (bytes > maxBytes) {
                throw new UnsafeArchiveException("archive " + archive + " expands beyond " + maxBytes
                        + " bytes (at entry '" + entry + "')");
            }
        }

        UnsafeArchiveException unsafe(String entry, String why) {
            return new UnsafeArchiveException("archive " + archive + ": entry '" + entry + "' " + why);
        }
    }
}
