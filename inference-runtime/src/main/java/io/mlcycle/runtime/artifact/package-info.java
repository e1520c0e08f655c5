/**
 * Verified model artifacts: parse and vet the URI ({@code s3://}, {@code http(s)://}, {@code pvc://},
 * {@code file://}), fetch the bytes while hashing them, refuse them unless their SHA-256 is the one expected,
 * unpack {@code .tar.gz}/{@code .zip} archives safely, and keep the result in a cache keyed by digest so the same
 * artifact is fetched once.
 *
 * <p>Archives are read with Apache Commons Compress (tar, PAX/GNU long names, zip64 and central directories are
 * easy to get subtly wrong by hand); the safety rules on top (no absolute paths, no {@code ..}, no links or
 * devices, size and entry limits) are ours, in {@code ArchiveExtractor}.
 */
package io.mlcycle.runtime.artifact;
