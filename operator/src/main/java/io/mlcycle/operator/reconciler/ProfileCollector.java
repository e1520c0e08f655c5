package io.mlcycle.operator.reconciler;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * The one reader of the serving pods' profile windows. {@code POST …/profile/reset} ends a pod's window for every
 * reader, so every window read here goes to each consumer that reads that pod (a rollout's analysis, a DriftMonitor):
 * each gets every row once, and neither steals the other's. A consumer's first take of a pod that answers makes it a
 * reader and gives the window that take ended, marked as not known (it began at the pod's start or at another
 * reader's reset: the consumer decides whether it counts). A consumer is forgotten after {@link #KEPT} without a take,
 * and keeps at most {@link #MAX_PENDING} windows per pod (the oldest go first), so one that stopped reading costs
 * little.
 */
@Singleton
public final class ProfileCollector {

    static final Duration KEPT = Duration.ofHours(24);
    static final int MAX_PENDING = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a take gives for one pod: whether the consumer read it before, and the windows since its last take (for a
     * pod it did not know, the window this take ended, which began at the pod's start or at another reader's reset).
     */
    public record Windows(boolean known, List<JsonNode> windows) {
    }

    private record Pending(Instant lastTake, List<JsonNode> windows) {
    }

    private final BiFunction<Pod, String, CompletableFuture<Optional<JsonNode>>> reader;
    /** By pod UID, by consumer: the windows read from the pod since the consumer's last take. */
    private final Map<String, Map<String, Pending>> pending = new HashMap<>();

    public ProfileCollector() {
        this(httpReader(new PodHttp()));
    }

    ProfileCollector(BiFunction<Pod, String, CompletableFuture<Optional<JsonNode>>> reader) {
        this.reader = reader;
    }

    private static BiFunction<Pod, String, CompletableFuture<Optional<JsonNode>>> httpReader(PodHttp http) {
        return (pod, model) -> http.post(pod, "/v2/models/" + model + "/profile/reset").thenApply(body -> body
                .flatMap(text -> {
                    try {
                        return Optional.of(JSON.readTree(text));
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                }));
    }

    /**
     * Ends the windows of these pods now (all at once, each within the pod call's timeout) and gives {@code consumer},
     * per pod, the windows read from it since its last take.
     */
    public Map<Pod, Windows> take(String consumer, List<Pod> pods, String model, Instant now) {
        Map<Pod, CompletableFuture<Optional<JsonNode>>> reads = new LinkedHashMap<>();
        for (Pod pod : pods) {
            reads.put(pod, reader.apply(pod, model).completeOnTimeout(Optional.empty(),
                    PodHttp.TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS));
        }
        prune(now);
        Map<Pod, Windows> taken = new LinkedHashMap<>();
        reads.forEach((pod, read) -> {
            Optional<JsonNode> window = read.join();
            taken.put(pod, deliver(uid(pod), consumer, window, now));
        });
        return taken;
    }

    private synchronized Windows deliver(String uid, String consumer, Optional<JsonNode> window, Instant now) {
        Map<String, Pending> readers = pending.computeIfAbsent(uid, u -> new HashMap<>());
        window.ifPresent(w -> readers.values().forEach(p -> {
            p.windows().add(w);
            if (p.windows().size() > MAX_PENDING) {
                p.windows().remove(0);
            }
        }));
        if (window.isEmpty() && !readers.containsKey(consumer)) {
            // Not a reader yet, and nothing read: the next take that answers starts its reading.
            return new Windows(false, List.of());
        }
        Pending mine = readers.put(consumer, new Pending(now, new ArrayList<>()));
        return mine == null ? new Windows(false, window.map(List::of).orElse(List.of()))
                : new Windows(true, List.copyOf(mine.windows()));
    }

    /** Drops consumers that have not taken for {@link #KEPT}, and pods nobody reads any more (gone, most likely). */
    private synchronized void prune(Instant now) {
        pending.values().forEach(readers -> readers.values().removeIf(p -> p.lastTake().plus(KEPT).isBefore(now)));
        pending.values().removeIf(Map::isEmpty);
    }

    /** Stops delivering to a consumer (its resource went away). */
    public synchronized void release(String consumer) {
        pending.values().forEach(readers -> readers.remove(consumer));
    }

    private static String uid(Pod pod) {
        return pod.getMetadata().getUid();
    }
}
