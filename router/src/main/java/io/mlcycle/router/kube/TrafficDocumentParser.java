package io.mlcycle.router.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.router.kube.TrafficDocument.MirrorEntry;
import io.mlcycle.router.kube.TrafficDocument.RevisionEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and checks a traffic document; anything it cannot route by exactly is refused as a whole. */
public final class TrafficDocumentParser {

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** The document, checked; throws {@link InvalidTrafficDocument} with the reason when it is not valid. */
    public TrafficDocument parse(String text) {
        TrafficDocument document;
        try {
            document = json.readValue(text, TrafficDocument.class);
        } catch (JsonProcessingException e) {
            throw new InvalidTrafficDocument("not a traffic document: " + e.getOriginalMessage());
        }
        if (document == null) {
            throw new InvalidTrafficDocument("empty traffic document");
        }
        List<RevisionEntry> revisions = document.revisions() == null ? List.of() : document.revisions();
        Set<String> names = new HashSet<>();
        for (RevisionEntry revision : revisions) {
            if (revision == null || isBlank(revision.name())) {
                throw new InvalidTrafficDocument("a revision has no name");
            }
            if (!names.add(revision.name())) {
                throw new InvalidTrafficDocument("revision '" + revision.name() + "' is listed twice");
            }
            if (isBlank(revision.service())) {
                throw new InvalidTrafficDocument("revision '" + revision.name() + "' has no service");
            }
            if (revision.weight() == null || revision.weight() < 0 || revision.weight() > 100) {
                throw new InvalidTrafficDocument("weight of '" + revision.name() + "' must be 0..100, not "
                        + revision.weight());
            }
        }
        MirrorEntry mirror = document.mirror();
        if (mirror != null) {
            if (isBlank(mirror.revision()) || !names.contains(mirror.revision())) {
                throw new InvalidTrafficDocument("mirror revision '" + mirror.revision() + "' is not listed");
            }
            if (mirror.percent() == null || mirror.percent() < 0 || mirror.percent() > 100) {
                throw new InvalidTrafficDocument("mirror percent must be 0..100, not " + mirror.percent());
            }
        }
        return new TrafficDocument(List.copyOf(revisions), mirror);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** A traffic document that cannot be routed by; the message says why. */
    public static final class InvalidTrafficDocument extends RuntimeException {

        public InvalidTrafficDocument(String message) {
            super(message);
        }
    }
}
