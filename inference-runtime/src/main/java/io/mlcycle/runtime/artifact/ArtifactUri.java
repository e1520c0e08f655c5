package io.mlcycle.runtime.artifact;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed, vetted artifact location. {@code location} is the bucket (s3), claim (pvc) or host (http); {@code path}
 * is the key (s3, without a leading slash) or the path. Messages use {@link #redacted()}, which drops query
 * strings and user info (pre-signed URLs carry secrets there).
 */
public record ArtifactUri(String scheme, URI uri, String location, String path) {

    /** The schemes the runtime fetches. */
    public static final Set<String> SCHEMES = Set.of("s3", "http", "https", "pvc", "file");

    /** Parses and checks an artifact URI; refuses unknown schemes, missing parts, {@code ..} and unsafe hosts. */
    public static ArtifactUri parse(String text, HostPolicy policy) {
        if (text == null || text.isBlank()) {
            throw new ArtifactException("no artifact URI given");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new ArtifactException("artifact URI '" + text + "' is malformed: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new ArtifactException("artifact URI '" + redact(uri) + "' has unsupported scheme '" + scheme
                    + "'; use s3://, http(s)://, pvc:// or file://");
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getAuthority();
        String path = uri.getPath() == null ? "" : uri.getPath();
        ArtifactUri parsed = switch (scheme) {
            case "s3" -> new ArtifactUri(scheme, uri, required(authority, "bucket", uri),
                    required(stripSlash(path), "object key", uri));
            case "pvc" -> new ArtifactUri(scheme, uri, required(authority, "claim", uri),
                    required(stripSlash(path), "path inside the claim", uri));
            case "file" -> {
                if (!authority.isEmpty() && !authority.equals("localhost")) {
                    throw new ArtifactException("artifact URI '" + redact(uri) + "' names host '" + authority
                            + "'; file URIs must be local, e.g. file:///models/model.tar.gz");
                }
                yield new ArtifactUri(scheme, uri, "", required(path, "path", uri));
            }
            default -> {
                if (uri.getHost() == null) {
                    throw new ArtifactException("artifact URI '" + redact(uri) + "' has no host");
                }
                policy.checkName(uri.getHost(), redact(uri));
                yield new ArtifactUri(scheme, uri, uri.getHost(), path);
            }
        };
        for (String segment : parsed.path().split("/")) {
            if (segment.equals("..")) {
                throw new ArtifactException("artifact URI '" + redact(uri) + "' contains '..'");
            }
        }
        return parsed;
    }

    /** The last path segment, sanitised for use as a local file name. */
    public String fileName() {
        String last = path.substring(path.lastIndexOf('/') + 1);
        String safe = last.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "artifact" + safe : safe;
    }

    /** The URI without user info or query, safe to log. */
    public String redacted() {
        return redact(uri);
    }

    private static String redact(URI uri) {
        StringBuilder text = new StringBuilder();
        if (uri.getScheme() != null) {
            text.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            text.append(uri.getHost());
            if (uri.getPort() >= 0) {
                text.append(':').append(uri.getPort());
            }
        } else if (uri.getAuthority() != null) {
            String authority = uri.getAuthority();
            text.append(authority.substring(authority.indexOf('@') + 1));
        }
        if (uri.getPath() != null) {
            text.append(uri.getPath());
        }
        return text.toString();
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static String required(String value, String what, URI uri) {
        if (value == null || value.isEmpty()) {
            throw new ArtifactException("artifact URI '" + redact(uri) + "' has no " + what);
        }
        return value;
    }

    @Override
    public String toString() {
        return redacted();
    }
}
