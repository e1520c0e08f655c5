package io.mlcycle.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlcycle.api.v1alpha1.ConditionStatus;
import io.mlcycle.api.v1alpha1.DriftEvaluation;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.DriftMonitorPhase;
import io.mlcycle.api.v1alpha1.DriftMonitorStatus;
import io.mlcycle.api.v1alpha1.FeatureDriftResult;
import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.StatusCondition;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.operator.drift.BreachTrigger;

class DriftMonitorStatusDerivationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static DriftMonitor monitor() {
        return Serialization.unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: DriftMonitor
                metadata: {name: churn, namespace: ml, uid: m-uid, generation: 3}
                spec: {inferenceService: shop}
                """, DriftMonitor.class);
    }

    private static DriftEvaluation evaluation(boolean drifted) {
        FeatureDriftResult tenure = new FeatureDriftResult();
        tenure.setName("tenure");
        tenure.setTest("ks");
        tenure.setScore(drifted ? 0.001 : 0.5);
        tenure.setDrifted(drifted);
        DriftEvaluation evaluation = new DriftEvaluation();
        evaluation.setModelVersion("churn-1");
        evaluation.setDriftShare(drifted ? 1.0 : 0.0);
        evaluation.setSamples(800L);
        evaluation.setFeatures(List.of(tenure));
        return evaluation;
    }

    private static DriftMonitorStatusDerivation.Observation watched(Optional<DriftEvaluation> evaluation,
            BreachTrigger.Decision decision, Optional<String> created, List<BreachTrigger.RetrainJob> jobs) {
        return new DriftMonitorStatusDerivation.Observation(Optional.empty(), evaluation, 120, 500, decision, created,
                "churn-1", jobs, Optional.of(serving()));
    }

    /** churn-2 promoted on the service. */
    private static InferenceServiceStatus serving() {
        return Serialization.unmarshal("""
                stable: {modelVersion: churn-2, version: "2"}
                lastRollout: {from: "1", to: "2", outcome: Promoted, modelVersion: churn-2}
                """, InferenceServiceStatus.class);
    }

    private static StatusCondition condition(DriftMonitorStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    @Test
    void aMonitorWhoseServiceIsMissingIsStalledWithTheReason() {
        DriftMonitorStatus status = DriftMonitorStatusDerivation.derive(monitor(),
                new DriftMonitorStatusDerivation.Observation(Optional.of(new DriftMonitorStatusDerivation.Blocked(
                        "InferenceServiceNotFound", "no InferenceService shop in ml", false)), Optional.empty(), -1, 0,
                        new BreachTrigger.Decision(0, Optional.empty(), Optional.empty(), Optional.empty()),
                        Optional.empty(), null, List.of(), Optional.empty()), NOW);
        assertThat(status.getPhase()).isEqualTo(DriftMonitorPhase.Pending);
        assertThat(status.getObservedGeneration()).isEqualTo(3);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo(ConditionStatus.False);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("InferenceServiceNotFound");
        assertThat(condition(status, "Stalled").getStatus()).isEqualTo(ConditionStatus.True);
    }

    @Test
    void aQuietWindowIsWatchingAndTheSameObservationAgainGivesTheSameStatus() {
        DriftMonitor monitor = monitor();
        var observation = watched(Optional.of(evaluation(false)), new BreachTrigger.Decision(0, Optional.empty(),
                Optional.empty(), Optional.empty()), Optional.empty(), List.of());
        DriftMonitorStatus first = DriftMonitorStatusDerivation.derive(monitor, observation, NOW);
        assertThat(first.getPhase()).isEqualTo(DriftMonitorPhase.Watching);
        assertThat(condition(first, "Drifted").getReason()).isEqualTo("NoDrift");
        assertThat(condition(first, "Ready").getMessage()).contains("0 of 1 features drifted", "800 samples",
                "collecting 120 of 500 samples");
        monitor.setStatus(first);
        DriftMonitorStatus again = DriftMonitorStatusDerivation.derive(monitor, watched(Optional.empty(),
                new BreachTrigger.Decision(0, Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(),
                List.of()), NOW.plusSeconds(30));
        assertThat(Serialization.asJson(again)).isEqualTo(Serialization.asJson(first));
    }

    @Test
    void aDeclaredBreachThatRetrainsRecordsTheJobAndFollowsIt() {
        DriftMonitor monitor = monitor();
        Instant since = NOW;
        BreachTrigger.Decision decision = new BreachTrigger.Decision(2, Optional.of(since),
                Optional.of(new BreachTrigger.Order(1, "1 of 1 features drifted")), Optional.empty());
        DriftMonitorStatus started = DriftMonitorStatusDerivation.derive(monitor, watched(
                Optional.of(evaluation(true)), decision, Optional.of("churn-retrain-1"), List.of()), NOW);
        assertThat(started.getPhase()).isEqualTo(DriftMonitorPhase.Retraining);
        assertThat(started.getActiveRetrains()).isEqualTo(1);
        assertThat(condition(started, "Drifted").getStatus()).isEqualTo(ConditionStatus.True);
        assertThat(condition(started, "Drifted").getMessage()).isEqualTo("1 of 1 features drifted");
        assertThat(started.getLastRetrain().getTrainingJob()).isEqualTo("churn-retrain-1");
        assertThat(started.getLastRetrain().getParentVersion()).isEqualTo("churn-1");
        assertThat(started.getLastRetrain().getDriftedSince()).isEqualTo(since.toString());
        assertThat(started.getLastRetrain().getTrainingPhase()).as("ordered, its job not seen yet").isNull();

        monitor.setStatus(started);
        BreachTrigger.Decision still = new BreachTrigger.Decision(3, Optional.of(since), Optional.empty(),
                Optional.empty());
        DriftMonitorStatus done = DriftMonitorStatusDerivation.derive(monitor, watched(Optional.of(evaluation(true)),
                still, Optional.empty(), List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1, NOW,
                        TrainingJobPhase.Succeeded, "churn-2"))), NOW.plusSeconds(60));
        assertThat(done.getPhase()).isEqualTo(DriftMonitorPhase.Drifted);
        assertThat(done.getActiveRetrains()).isZero();
        assertThat(done.getLastRetrain().getTrainingPhase()).isEqualTo(TrainingJobPhase.Succeeded);
        assertThat(done.getLastRetrain().getModelVersion()).isEqualTo("churn-2");
        assertThat(done.getLastRetrain().getRollout()).isEqualTo("Promoted");
        assertThat(condition(done, "Drifted").getMessage()).as("the breach's reason stays").isEqualTo(
                "1 of 1 features drifted");
        assertThat(condition(done, "Drifted").getLastTransitionTime()).isEqualTo(NOW.toString());

        monitor.setStatus(done);
        InferenceServiceStatus later = Serialization.unmarshal("""
                stable: {modelVersion: churn-3, version: "3"}
                lastRollout: {from: "2", to: "3", outcome: Promoted, modelVersion: churn-3}
                """, InferenceServiceStatus.class);
        DriftMonitorStatus after = DriftMonitorStatusDerivation.derive(monitor,
                new DriftMonitorStatusDerivation.Observation(Optional.empty(), Optional.empty(), 0, 500, still,
                        Optional.empty(), "churn-3", List.of(), Optional.of(later)), NOW.plusSeconds(120));
        assertThat(after.getLastRetrain().getRollout()).as("kept once a later rollout took its place")
                .isEqualTo("Promoted");
    }

    @Test
    void aJobWhoseRecordWasLostBecomesTheLastRetrain() {
        DriftMonitorStatus status = DriftMonitorStatusDerivation.derive(monitor(), watched(Optional.empty(),
                new BreachTrigger.Decision(2, Optional.of(NOW), Optional.empty(), Optional.empty()), Optional.empty(),
                List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1, NOW, TrainingJobPhase.Running, null))),
                NOW);
        assertThat(status.getLastRetrain().getTrainingJob()).isEqualTo("churn-retrain-1");
        assertThat(status.getPhase()).isEqualTo(DriftMonitorPhase.Retraining);
    }
}
