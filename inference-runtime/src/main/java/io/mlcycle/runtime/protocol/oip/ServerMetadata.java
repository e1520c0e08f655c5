package io.mlcycle.runtime.protocol.oip;

import java.util.List;

/** The OIP server metadata response ({@code GET /v2}). */
public record ServerMetadata(String name, String version, List<String> extensions) {

    public ServerMetadata {
        extensions = List.copyOf(extensions);
    }
}
