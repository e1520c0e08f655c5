package io.mlcycle.runtime.serving;

import java.util.List;

/** The OIP server metadata response ({@code GET /v2}). */
public record ServerMetadata(String name, String version, List<String> extensions) {

    public ServerMetadata {
        extensions = List.copyOf(extensions);
    }
}
