package io.mlcycle.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Two readers of one pod's profile windows: each gets every window once, neither loses one to the other. */
class ProfileCollectorTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private final Pod pod = new PodBuilder().withNewMetadata().withName("iris-1-abc").withUid("u1").endMetadata()
            .build();
    /** What the pod answers to each reset, in turn: window 1, 2, ...; empty is a read that got no answer. */
    private final Deque<Optional<JsonNode>> answers = new ArrayDeque<>();
    private final ProfileCollector collector = new ProfileCollector((p, model) -> CompletableFuture.completedFuture(
            answers.isEmpty() ? Optional.empty() : answers.poll()));

    private static Optional<JsonNode> window(int n) {
        return Optional.of(JsonNodeFactory.instance.objectNode().put("window", n));
    }

    private List<Integer> take(String consumer, Instant now) {
        return collector.take(consumer, List.of(pod), "iris", now).get(pod).windows().stream()
                .map(w -> w.path("window").asInt()).toList();
    }

    @Test
    void twoReadersEachGetEveryWindowOnce() {
        answers.addAll(List.of(window(1), window(2), window(3), Optional.empty(), window(5)));

        assertThat(collector.take("rollout", List.of(pod), "iris", T0).get(pod).known()).isFalse();
        assertThat(take("drift", T0)).as("a new reader gets the window its take ended").containsExactly(2);
        assertThat(take("rollout", T0)).as("window 2, ended by the drift monitor, and its own 3").containsExactly(2, 3);
        assertThat(take("drift", T0)).as("a read without an answer adds nothing").containsExactly(3);
        assertThat(take("drift", T0)).containsExactly(5);
        assertThat(take("rollout", T0)).containsExactly(5);
    }

    @Test
    void aFirstTakeThatGotNoAnswerDoesNotMakeAReader() {
        answers.addAll(List.of(Optional.empty(), window(2)));

        assertThat(collector.take("rollout", List.of(pod), "iris", T0).get(pod)).isEqualTo(
                new ProfileCollector.Windows(false, List.of()));
        assertThat(collector.take("rollout", List.of(pod), "iris", T0).get(pod).known())
                .as("the first answer starts its reading").isFalse();
    }

    @Test
    void aReaderThatStoppedTakingIsForgottenAndAReleasedOneAtOnce() {
        answers.addAll(List.of(window(1), window(2), window(3), window(4), window(5)));
        take("rollout", T0);
        take("drift", T0);

        Instant later = T0.plus(ProfileCollector.KEPT).plus(Duration.ofMinutes(1));
        take("drift", later);
        assertThat(collector.take("rollout", List.of(pod), "iris", later).get(pod).known())
                .as("no take for longer than the collector keeps windows").isFalse();

        collector.release("drift");
        assertThat(collector.take("drift", List.of(pod), "iris", later).get(pod).known()).isFalse();
    }
}
