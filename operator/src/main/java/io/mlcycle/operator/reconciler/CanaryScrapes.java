package io.mlcycle.operator.reconciler;

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

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Pod;
import io.mlcycle.operator.rollout.CanaryFigures;
import io.mlcycle.operator.rollout.MirrorAgreement;
import io.mlcycle.operator.rollout.PredictionProfile;
import io.mlcycle.operator.rollout.ServingCounters;

/**
 * Reads a canary's serving pods' counters ({@code /q/metrics} on each Ready pod's IP) and turns two reads into an
 * interval's figures; where a prediction-shift threshold is set, also the canary's and the stable version's
 * predictions over the same interval, taken through the {@link ProfileCollector} (the one reader of the pods' profile
 * windows, which a DriftMonitor of the same pods shares); where an agreement threshold is set, the router pods'
 * comparisons of the canary's mirrored answers with the stable version's. The last read of each pod is kept here, in
 * memory: after an operator restart the first read is only a baseline (a pod that started before it counts from
 * then), so the first analysis comes one interval later.
 */
final class CanaryScrapes {


    private final PodHttp http = new PodHttp();
    private final ProfileCollector collector;
    /** This analysis's name among the collector's consumers. */
    private final String consumer;
    private final Map<String, ServingCounters> reads = new ConcurrentHashMap<>();
    /** The routers' last comparison counts, by router pod. */
    private final Map<String, MirrorAgreement> compared = new ConcurrentHashMap<>();
    /** Pods this analysis takes profile windows from, so their next take covers the interval. */
    private final Map<String, Instant> profiled = new ConcurrentHashMap<>();

    CanaryScrapes(ProfileCollector collector, String consumer) {
        this.collector = collector;
        this.consumer = consumer;
    }

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
        List<Pod> windows = subject.profiles() ? concat(subject.canary(), subject.stable()).stream()
                .filter(p -> fresh || !profiled.containsKey(uid(p))).toList() : List.of();
        var comparisons = start(subject.routers().stream().filter(p -> fresh || !compared.containsKey(uid(p)))
                .toList(), pod -> comparisons(pod, subject.mirrorRevision()));
        join(counters).forEach((pod, read) -> read.ifPresent(c -> reads.put(uid(pod), c)));
        // What the pods saw before now is not this interval's: taken and dropped.
        collector.take(consumer, windows, subject.model(), now).forEach((pod, taken) -> {
            if (taken.known() || !taken.windows().isEmpty()) {
                profiled.put(uid(pod), now);
            }
        });
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
        var comparisons = start(subject.routers(), pod -> comparisons(pod, subject.mirrorRevision()));
        Map<Pod, ProfileCollector.Windows> windows = subject.profiles() ? collector.take(consumer,
                concat(subject.canary(), subject.stable()), subject.model(), now) : Map.of();

        CanaryFigures figures = ServingCounters.figures(deltas(join(counters), reads, ServingCounters::since,
                intervalStart));
        if (subject.profiles()) {
            PredictionProfile canaryPredictions = predictions(subject.canary(), windows, intervalStart, now);
            PredictionProfile stablePredictions = predictions(subject.stable(), windows, intervalStart, now);
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

    /**
     * The merged predictions of {@code pods} over the interval: every window taken since this analysis's last take of
     * a pod; of a pod it did not read before, the window just ended if the pod started within the interval.
     */
    private PredictionProfile predictions(List<Pod> pods, Map<Pod, ProfileCollector.Windows> taken,
            Instant intervalStart, Instant now) {
        PredictionProfile merged = new PredictionProfile();
        for (Pod pod : pods) {
            ProfileCollector.Windows windows = taken.get(pod);
            if (windows == null) {
                continue;
            }
            boolean counts = windows.known() || startedAfter(pod, intervalStart);
            profiled.put(uid(pod), now);
            if (counts) {
                windows.windows().forEach(merged::add);
            }
        }
        return merged;
    }

    private static List<Pod> concat(List<Pod> a, List<Pod> b) {
        List<Pod> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * One call per pod, started now: every read of a reconcile is under way at once, so it waits for the slowest, at
     * most {@link PodHttp#TIMEOUT}, not for their sum; a pod that does not answer in time gives nothing.
     */
    private static <T> Map<Pod, CompletableFuture<Optional<T>>> start(List<Pod> pods,
            Function<Pod, CompletableFuture<Optional<T>>> call) {
        Map<Pod, CompletableFuture<Optional<T>>> calls = new LinkedHashMap<>();
        for (Pod pod : pods) {
            calls.put(pod, call.apply(pod).completeOnTimeout(Optional.empty(), PodHttp.TIMEOUT.toMillis(),
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
        return http.get(pod, "/q/metrics").thenApply(page -> page.map(text -> ServingCounters.parse(text, model)));
    }

    /** A router pod's comparisons of {@code revision}'s mirrored answers, from its {@code /q/metrics}. */
    private CompletableFuture<Optional<MirrorAgreement>> comparisons(Pod pod, String revision) {
        return http.get(pod, "/q/metrics").thenApply(page -> page.map(text -> MirrorAgreement.parse(text, revision)));
    }

    /** Stops taking profile windows: the rollout is over. */
    void release() {
        collector.release(consumer);
    }
}
