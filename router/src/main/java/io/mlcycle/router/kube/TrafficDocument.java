package io.mlcycle.router.kube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The ConfigMap's {@code traffic.json}, as the operator writes it:
 * {@code {"revisions":[{"name":"iris-1","service":"iris-1","weight":80}, ...],"mirror":{"revision":"iris-2","percent":10}}}.
 * Unknown fields are ignored so that a newer operator can add some.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrafficDocument(List<RevisionEntry> revisions, MirrorEntry mirror) {

    /** No revisions and no mirror: what a missing ConfigMap means. */
    public static final TrafficDocument EMPTY = new TrafficDocument(List.of(), null);

    /** One revision: its name (pinning, metrics), its Service's name and its weight, 0..100. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RevisionEntry(String name, String service, Integer weight) {
    }

    /** The optional mirror: a listed revision and the percent of requests copied to it, 0..100. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MirrorEntry(String revision, Integer percent) {
    }
}
