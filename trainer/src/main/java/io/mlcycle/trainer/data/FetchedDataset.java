package io.mlcycle.trainer.data;

import java.nio.file.Path;

/**
 * A dataset copied to a local file, with the digest of exactly those bytes.
 *
 * @param uri the dataset URI as it may be logged and recorded (no user info or query string)
 */
public record FetchedDataset(String uri, Path file, String sha256, long size) {
}
