package io.mlcycle.operator.reconciler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Pod;
import io.mlcycle.operator.desired.RevisionWorkload;
import io.mlcycle.operator.rollout.CanaryFigures;
import io.mlcycle.operator.rollout.MirrorAgreement;
import io.mlcycle.operator.rollout.PredictionProfile;
import io.mlcycle.operator.rollout.ServingCounters;

/**
 * Reads a canary's serving pods' counters ({@code /q/metrics} on each Ready pod's IP) and turns two reads into an
 * interval's figures; where a prediction-shift threshold is set, also the canary's and the stable version's
 * predictions over the same interval ({@code POST …/profile/reset} on each pod: the read ends the pod's window, so the
 * next one starts with it); where an agreement threshold is set, the router pods' comparisons of the canary's mirrored
 * answers with the stable version's. The last read of each pod is kept here, in memory: after an operator restart the first
 * read is only a baseline (a pod that started before it counts from then), so the first analysis comes one interval
 * later. This is the one reader of the pods' profile windows; the DriftMonitor is to share it, not to reset on its own.
 */
final class CanaryScrapes {

    private static final Logger LOG = Logger.getLogger(CanaryScrapes.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, ServingCounters> reads = new ConcurrentHashMap<>();
    /** The routers' last comparison counts, by router pod. */
    private final Map<String, MirrorAgreement> compared = new ConcurrentHashMap<>();
    /** Pods whose profile window this reader started (by a reset), so their next read covers the interval. */
    private final Map<String, Instant> profiled = new ConcurrentHashMap<>();

    /**
     * What one analysis reads: the canary's and the stable version's Ready pods and the model they serve; with
     * {@code profiles} both versions' prediction windows; with a {@code mirrorRevision}, the router pods' comparisons
     * of that revision's mirrored answers (none: empty {@code routers}).
     */
    record Subject(List<Pod> canary, List<Pod> stable, String model, boolean profiles, List<Pod> routers,
            String mirrorRevision) {
    }

    /**
     * Takes a baseline of the pods not read yet ({@code fresh}: of every pod, as a new weight takes effect), so an
     * interval starts as close to its start as a reconcile gets: the canary's counters, with {@code profiles} both
     * versions' profile windows, and the routers' comparisons, all read at once.
     */
    void baseline(Subject subject, Instant now, boolean fresh) {
        var counters = start(subject.canary().stream().filter(p -> fresh || !reads.containsKey(uid(p))).toList(),
                pod -> read(pod, subject.model()));
        var windows = start(subject.profiles() ? concat(subject.canary(), subject.stable()).stream()
                .filter(p -> fresh || !profiled.containsKey(uid(p))).toList() : List.of(),
                pod -> profile(pod, subject.model()));
        var comparisons = start(subject.routers().stream().filter(p -> fresh || !compared.containsKey(uid(p)))
                .toList(), pod -> comparisons(pod, subject.mirrorRevision()));
        join(counters).forEach((pod, read) -> read.ifPresent(c -> reads.put(uid(pod), c)));
        join(windows).forEach((pod, window) -> window.ifPresent(w -> profiled.put(uid(pod), now)));
        join(comparisons).forEach((pod, read) -> read.ifPresent(c -> compared.put(uid(pod), c)));
    }

    /**
     * The figures of the interval, from one round of reads of every pod at once: the canary's counters since the last
     * read of each pod (a pod first seen now counts in full if it started after {@code intervalStart}, else it is only
     * a baseline; one that cannot be read adds nothing), with {@code profiles} the shift of its predictions from the
     * stable version's over the same windows, and with routers the agreement of its mirrored answers.
     */
    CanaryFigures measure(Subject subject, Instant intervalStart, Instant now) {
        var counters = start(subject.canary(), pod -> read(pod, subject.model()));
        var canaryWindows = start(subject.profiles() ? subject.canary() : List.of(),
                pod -> profile(pod, subject.model()));
        var stableWindows = start(subject.profiles() ? subject.stable() : List.of(),
                pod -> profile(pod, subject.model()));
        var comparisons = start(subject.routers(), pod -> comparisons(pod, subject.mirrorRevision()));

        CanaryFigures figures = ServingCounters.figures(deltas(join(counters), reads, ServingCounters::since,
                intervalStart));
        if (subject.profiles()) {
            PredictionProfile canaryPredictions = predictions(join(canaryWindows), intervalStart, now);
            PredictionProfile stablePredictions = predictions(join(stableWindows), intervalStart, now);
            figures = new CanaryFigures(figures.requests(), figures.errors(), figures.latencyP99Ms(),
                    canaryPredictions.shift(stablePredictions).orElse(null), PredictionProfile.METHOD);
        }
        if (subject.routers().isEmpty()) {
            return figures;
        }
        return figures.withAgreement(MirrorAgreement.sum(deltas(join(comparisons), compared, MirrorAgreement::since,
                intervalStart)));
    }

    /**
     * Each pod's growth since its last read, which {@code last} keeps; a pod first seen now counts in full if it
     * started after {@code intervalStart}, else it is only a baseline.
     */
    private static <T> List<T> deltas(Map<Pod, Optional<T>> current, Map<String, T> last, BinaryOperator<T> since,
            Instant intervalStart) {
        List<T> deltas = new ArrayList<>();
        current.forEach((pod, read) -> read.ifPresent(now -> {
            T before = last.put(uid(pod), now);
            if (before != null) {
                deltas.add(since.apply(now, before));
            } else if (startedAfter(pod, intervalStart)) {
                deltas.add(now);
            }
        }));
        return deltas;
    }

    private PredictionProfile predictions(Map<Pod, Optional<JsonNode>> windows, Instant intervalStart, Instant now) {
        PredictionProfile merged = new PredictionProfile();
        windows.forEach((pod, window) -> {
            String uid = uid(pod);
            boolean counts = profiled.containsKey(uid) || startedAfter(pod, intervalStart);
            window.ifPresent(w -> {
                profiled.put(uid, now);
                if (counts) {
                    merged.add(w);
                }
            });
        });
        return merged;
    }

    private static List<Pod> concat(List<Pod> a, List<Pod> b) {
        List<Pod> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * One call per pod, started now: every read of a reconcile is under way at once, so it waits for the slowest, at
     * most {@link #TIMEOUT}, not for their sum; a pod that does not answer in time gives nothing.
     */
    private static <T> Map<Pod, CompletableFuture<Optional<T>>> start(List<Pod> pods,
            Function<Pod, CompletableFuture<Optional<T>>> call) {
        Map<Pod, CompletableFuture<Optional<T>>> calls = new LinkedHashMap<>();
        for (Pod pod : pods) {
            calls.put(pod, call.apply(pod).completeOnTimeout(Optional.empty(), TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS));
        }
        return calls;
    }

    private static <T> Map<Pod, Optional<T>> join(Map<Pod, CompletableFuture<Optional<T>>> calls) {
        Map<Pod, Optional<T>> results = new LinkedHashMap<>();
        calls.forEach((pod, future) -> results.put(pod, future.join()));
        return results;
    }

    /** Forgets the reads of pods no longer listed (gone, or of a revision no longer measured). */
    void retain(Subject subject) {
        List<String> live = concat(concat(subject.canary(), subject.stable()), subject.routers()).stream()
                .map(CanaryScrapes::uid).toList();
        reads.keySet().retainAll(live);
        profiled.keySet().retainAll(live);
        compared.keySet().retainAll(live);
    }

    private static String uid(Pod pod) {
        return pod.getMetadata().getUid();
    }

    private static boolean startedAfter(Pod pod, Instant start) {
        String started = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        return started != null && Instant.parse(started).isAfter(start);
    }

    private CompletableFuture<Optional<ServingCounters>> read(Pod pod, String model) {
        return call(pod, HttpRequest.newBuilder(uri(pod, "/q/metrics")).timeout(TIMEOUT).GET())
                .thenApply(page -> page.map(text -> ServingCounters.parse(text, model)));
    }

    /** A router pod's comparisons of {@code revision}'s mirrored answers, from its {@code /q/metrics}. */
    private CompletableFuture<Optional<MirrorAgreement>> comparisons(Pod pod, String revision) {
        return call(pod, HttpRequest.newBuilder(uri(pod, "/q/metrics")).timeout(TIMEOUT).GET())
                .thenApply(page -> page.map(text -> MirrorAgreement.parse(text, revision)));
    }

    /** The pod's profile window of {@code model}, ended by this read. */
    private CompletableFuture<Optional<JsonNode>> profile(Pod pod, String model) {
        return call(pod, HttpRequest.newBuilder(uri(pod, "/v2/models/" + model + "/profile/reset")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())).thenApply(page -> page.flatMap(body -> {
                    try {
                        return Optional.of(JSON.readTree(body));
                    } catch (java.io.IOException e) {
                        LOG.debugf("profile of pod %s is not JSON: %s", pod.getMetadata().getName(), e.getMessage());
                        return Optional.empty();
                    }
                }));
    }

    private static URI uri(Pod pod, String path) {
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        String host = ip != null && ip.contains(":") ? "[" + ip + "]" : ip;
        return URI.create("http://" + host + ":" + RevisionWorkload.HTTP_PORT + path);
    }

    private CompletableFuture<Optional<String>> call(Pod pod, HttpRequest.Builder request) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).handle((answer, failure) -> {
            if (failure != null) {
                LOG.debugf("cannot reach pod %s: %s", pod.getMetadata().getName(), failure.getMessage());
                return Optional.empty();
            }
            if (answer.statusCode() != 200) {
                LOG.debugf("pod %s answered %d to %s", pod.getMetadata().getName(), answer.statusCode(),
                        answer.uri().getPath());
                return Optional.empty();
            }
            return Optional.of(answer.body());
        });
    }
}
