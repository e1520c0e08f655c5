package io.mlcycle.trainer.output;

import io.mlcycle.runtime.artifact.S3Settings;
import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The folder a run writes its files into: an S3 prefix or a local directory. */
public interface OutputLocation {

    /** Writes one file, replacing any file of that name; failures are {@link TrainerFailure}s with exit code 7. */
    void write(String name, byte[] bytes);

    /** The URI a written file has, as recorded in the result summary. */
    String uri(String name);

    /** {@code s3://bucket/prefix} (S3 settings as the runtime reads them) or {@code file:///dir}. */
    static OutputLocation of(String uriText, Map<String, String> env) {
        String trimmed = uriText.trim().replaceAll("/+$", "");
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid("MLCYCLE_OUTPUT_URI '" + uriText + "' is not a URI: " + e.getReason());
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "s3" -> {
                if (uri.getAuthority() == null || uri.getAuthority().isBlank()) {
                    throw invalid("MLCYCLE_OUTPUT_URI '" + uriText + "' has no bucket: use s3://bucket/prefix");
                }
                String prefix = Optional.ofNullable(uri.getPath()).orElse("").replaceAll("^/+", "");
                return new S3OutputLocation(S3Settings.from(env, Optional.empty()), uri.getAuthority(), prefix);
            }
            case "file" -> {
                if (uri.getAuthority() != null && !uri.getAuthority().equals("localhost")) {
                    throw invalid("MLCYCLE_OUTPUT_URI '" + uriText + "' names host '" + uri.getAuthority()
                            + "'; file URIs must be local, e.g. file:///data/out");
                }
                if (uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw invalid("MLCYCLE_OUTPUT_URI '" + uriText + "' has no path");
                }
                return new FileOutputLocation(Path.of(uri.getPath()), "file://" + uri.getPath());
            }
            default -> throw invalid("MLCYCLE_OUTPUT_URI '" + uriText + "' must start with s3:// or file://");
        }
    }

    private static TrainerFailure invalid(String message) {
        return new TrainerFailure(ExitCode.INVALID_SETTINGS, message);
    }
}
