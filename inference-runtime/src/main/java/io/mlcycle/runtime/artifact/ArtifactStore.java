package io.mlcycle.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Turns an artifact URI and its declared SHA-256 into a local model directory. Bytes are hashed while they are
 * fetched into a private temporary directory; only when the digest matches is the archive unpacked (or the single
 * file kept) and the result published, atomically, as {@code <cacheRoot>/<sha256>/model}. A digest already
 * published is served from the cache without fetching anything.
 */
public final class ArtifactStore {

    private static final Logger LOG = Logger.getLogger(ArtifactStore.class);
    private static final String MODEL_DIR = "model";
    private static final String COMPLETE = ".complete";

    private final Path cacheRoot;
    private final HostPolicy policy;
    private final Map<String, ArtifactFetcher> fetchers;
    private final ArchiveExtractor extractor;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param fetchers one fetcher per URI scheme ({@code s3}, {@code http}, {@code https}, {@code pvc}, {@code file})
     */
    public ArtifactStore(Path cacheRoot, HostPolicy policy, Map<String, ArtifactFetcher> fetchers,
            ArchiveExtractor extractor) {
        this.cacheRoot = cacheRoot.toAbsolutePath().normalize();
        this.policy = policy;
        this.fetchers = Map.copyOf(fetchers);
        this.extractor = extractor;
    }

    /** The verified model directory for this artifact, fetching and unpacking it unless the cache has it. */
    public Path fetch(String uriText, String declaredSha256) {
        ArtifactUri uri = ArtifactUri.parse(uriText, policy);
        String sha256 = Sha256.normalize(declaredSha256);
        synchronized (locks.computeIfAbsent(sha256, k -> new Object())) {
            Optional<Path> cached = cached(sha256);
            if (cached.isPresent()) {
                LOG.infof("artifact %s (sha256 %s) is cached", uri, sha256);
                return cached.get();
            }
            try {
                return fetchAndPublish(uri, sha256);
            } catch (IOException e) {
                throw new ArtifactException("artifact " + uri + ": " + e.getMessage(), e);
            }
        }
    }

    /** The published model directory for a digest, if the cache holds a complete one. */
    public Optional<Path> cached(String sha256) {
        Path entry = cacheRoot.resolve(Sha256.normalize(sha256));
        return Files.isRegularFile(entry.resolve(COMPLETE)) ? Optional.of(entry.resolve(MODEL_DIR)) : Optional.empty();
    }

    private Path fetchAndPublish(ArtifactUri uri, String sha256) throws IOException {
        ArtifactFetcher fetcher = fetchers.get(uri.scheme());
        if (fetcher == null) {
            throw new ArtifactException("artifact " + uri + ": no fetcher for scheme " + uri.scheme());
        }
        Files.createDirectories(cacheRoot);
        Path work = Files.createTempDirectory(cacheRoot, ".fetch-");
        try {
            long start = System.nanoTime();
            Path blob = work.resolve(uri.fileName());
            MessageDigest digest = Sha256.newDigest();
            long size;
            try (InputStream in = new DigestInputStream(fetcher.open(uri), digest);
                    OutputStream out = Files.newOutputStream(blob)) {
                size = in.transferTo(out);
            }
            String actual = Sha256.hex(digest);
            if (!actual.equals(sha256)) {
                throw new DigestMismatchException(uri.redacted(), sha256, actual);
            }
            Path model = work.resolve(MODEL_DIR);
            Optional<ArchiveExtractor.Format> format = ArchiveExtractor.formatOf(uri.fileName());
            if (format.isPresent()) {
                extractor.extract(blob, format.get(), model);
                Files.delete(blob);
            } else {
                Files.createDirectories(model);
                Files.move(blob, model.resolve(uri.fileName()));
            }
            Files.createFile(work.resolve(COMPLETE));
            Path published = publish(work, sha256);
            LOG.infof("artifact %s: %d bytes, sha256 verified, ready in %d ms", uri, size,
                    (System.nanoTime() - start) / 1_000_000);
            return published.resolve(MODEL_DIR);
        } finally {
            deleteTree(work);
        }
    }

    private Path publish(Path work, String sha256) throws IOException {
        Path target = cacheRoot.resolve(sha256);
        try {
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another process published the same digest first: its content is identical by construction.
            if (!Files.isRegularFile(target.resolve(COMPLETE))) {
                deleteTree(target);
                Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cache " + cacheRoot + " does not support atomic renames", e);
        }
        return target;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
