package io.mlcycle.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.DriftMonitorPhase;
import io.mlcycle.api.v1alpha1.DriftMonitorStatus;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.operator.drift.BreachTrigger;
import io.mlcycle.operator.rollout.RolloutAction;

class SpecOrAnnotationChangedTest {

    private static DriftMonitor monitor(long generation, Map<String, String> annotations) {
        DriftMonitor monitor = new DriftMonitor();
        monitor.setMetadata(new ObjectMetaBuilder().withName("iris").withGeneration(generation)
                .withAnnotations(annotations).build());
        return monitor;
    }

    @Test
    void aRetrainRequestWakesTheMonitorAndItsOwnStatusWritesDoNot() {
        SpecOrRetrainRequestChanged filter = new SpecOrRetrainRequestChanged();
        DriftMonitor before = monitor(3, Map.of());
        DriftMonitor statusWritten = monitor(3, Map.of());
        statusWritten.setStatus(new DriftMonitorStatus());
        statusWritten.getStatus().setPhase(DriftMonitorPhase.Watching);

        assertThat(filter.accept(statusWritten, before)).as("the operator's own status write").isFalse();
        assertThat(filter.accept(monitor(3, Map.of(BreachTrigger.REQUEST, "2026-12-03T10:00:00Z")), before))
                .as("a new request").isTrue();
        assertThat(filter.accept(monitor(3, Map.of(BreachTrigger.REQUEST, "b")),
                monitor(3, Map.of(BreachTrigger.REQUEST, "a")))).as("the next request").isTrue();
        assertThat(filter.accept(monitor(3, Map.of("team", "ml")), before)).as("another annotation").isFalse();
        assertThat(filter.accept(monitor(4, Map.of()), before)).as("a spec change").isTrue();
    }

    @Test
    void aRolloutActionWakesTheInferenceServiceButARetrainRequestDoesNot() {
        SpecOrActionChanged filter = new SpecOrActionChanged();
        InferenceService before = new InferenceService();
        before.setMetadata(new ObjectMetaBuilder().withGeneration(2L).build());
        InferenceService promoted = new InferenceService();
        promoted.setMetadata(new ObjectMetaBuilder().withGeneration(2L)
                .withAnnotations(Map.of(RolloutAction.ANNOTATION, "promote")).build());
        InferenceService other = new InferenceService();
        other.setMetadata(new ObjectMetaBuilder().withGeneration(2L)
                .withAnnotations(Map.of(BreachTrigger.REQUEST, "now")).build());

        assertThat(filter.accept(promoted, before)).isTrue();
        assertThat(filter.accept(other, before)).isFalse();
    }
}
