package io.mlcycle.operator.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlcycle.api.v1alpha1.DriftEvaluation;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.DriftMonitorStatus;
import io.mlcycle.api.v1alpha1.FeatureDriftResult;
import io.mlcycle.api.v1alpha1.RetrainRecord;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;

class BreachTriggerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.400Z");
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private static DriftMonitor monitor(String action) {
        return Serialization.unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: DriftMonitor
                metadata: {name: churn, namespace: ml, uid: m-uid}
                spec:
                  inferenceService: shop
                  trigger: {consecutiveWindows: 2}
                """ + action, DriftMonitor.class);
    }

    private static final DriftMonitor RETRAINS = monitor("""
              action:
                retrain:
                  cooldown: 10m
                  maxConcurrent: 1
                  template: {spec: {model: churn}}
            """);

    private static Optional<WindowEvaluation.Verdict> window(boolean drifted) {
        FeatureDriftResult tenure = new FeatureDriftResult();
        tenure.setName("tenure");
        tenure.setTest("ks");
        tenure.setScore(drifted ? 0.0001 : 0.4);
        tenure.setThreshold(0.05);
        tenure.setDrifted(drifted);
        DriftEvaluation evaluation = new DriftEvaluation();
        evaluation.setModelVersion("churn-1");
        evaluation.setDriftShare(drifted ? 1.0 : 0.0);
        evaluation.setFeatures(List.of(tenure));
        return Optional.of(new WindowEvaluation.Verdict(evaluation, drifted));
    }

    /** Runs windows one interval apart, carrying status the way the reconciler writes it. */
    private static final class Run {
        final DriftMonitor monitor;
        DriftMonitorStatus status;
        Instant now = T0;
        List<BreachTrigger.RetrainJob> jobs = List.of();
        /** The monitor's mlcycle.io/retrain-request annotation. */
        Optional<String> request = Optional.empty();

        Run(DriftMonitor monitor) {
            this.monitor = monitor;
        }

        BreachTrigger.Decision next(Optional<WindowEvaluation.Verdict> verdict, String served) {
            BreachTrigger.Decision decision = BreachTrigger.decide(monitor.getSpec(), status, verdict, served, jobs,
                    0, request, now);
            DriftMonitorStatus written = new DriftMonitorStatus();
            written.setConsecutiveBreaches(decision.breaches());
            written.setDriftedSince(decision.driftedSince().map(Instant::toString).orElse(null));
            written.setLastEvaluation(verdict.map(WindowEvaluation.Verdict::evaluation)
                    .orElse(status == null ? null : status.getLastEvaluation()));
            if (written.getLastEvaluation() != null) {
                written.getLastEvaluation().setModelVersion(served);
            }
            written.setLastRetrain(status == null ? null : status.getLastRetrain());
            decision.retrain().ifPresent(order -> {
                RetrainRecord record = new RetrainRecord();
                record.setTrainingJob("churn-retrain-" + order.number());
                record.setTime(now.toString());
                record.setDriftedSince(written.getDriftedSince());
                record.setRequest(order.request());
                record.setTrainingPhase(TrainingJobPhase.Pending);
                written.setLastRetrain(record);
            });
            status = written;
            now = now.plus(WINDOW);
            return decision;
        }

        BreachTrigger.Decision next(boolean drifted) {
            return next(window(drifted), "churn-1");
        }
    }

    @Test
    void driftIsDeclaredAfterConsecutiveWindowsAndAQuietWindowStartsTheCountAgain() {
        Run run = new Run(monitor(""));
        assertThat(run.next(true).drifted()).isFalse();
        assertThat(run.next(false).breaches()).as("a quiet window resets").isZero();
        assertThat(run.next(true).drifted()).isFalse();
        Instant declared = run.now;
        BreachTrigger.Decision second = run.next(true);
        assertThat(second.drifted()).isTrue();
        assertThat(second.driftedSince()).contains(declared.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(second.retrain()).as("no action.retrain").isEmpty();
        assertThat(run.next(Optional.empty(), "churn-1").drifted()).as("a window too small changes nothing")
                .isTrue();
        assertThat(run.next(true).driftedSince()).as("the breach keeps its start").isEqualTo(second.driftedSince());
        assertThat(run.next(false).drifted()).isFalse();
    }

    @Test
    void oneBreachStartsOneRetrainHoweverLongItLasts() {
        Run run = new Run(RETRAINS);
        run.next(true);
        BreachTrigger.Decision declared = run.next(true);
        assertThat(declared.retrain()).map(BreachTrigger.Order::number).contains(1);
        assertThat(declared.retrain().get().reason()).contains("1 of 1 features", "tenure (ks 0.0001", "churn-1");
        run.jobs = List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1, run.now.minus(WINDOW),
                TrainingJobPhase.Succeeded, "churn-2"));
        for (int i = 0; i < 30; i++) {
            assertThat(run.next(true).retrain()).as("window %d of the same breach, cooldown long over", i).isEmpty();
        }
    }

    @Test
    void theMonitorsOwnJobAnswersTheBreachWhenItsStatusWriteWasLost() {
        Run run = new Run(RETRAINS);
        run.next(true);
        assertThat(run.next(true).retrain()).isPresent();
        // The operator died after creating the job, before writing status: the record is gone, the job is there.
        run.status.setLastRetrain(null);
        run.jobs = List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1,
                run.now.minus(WINDOW).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), TrainingJobPhase.Running,
                null));
        assertThat(run.next(true).retrain()).isEmpty();
    }

    @Test
    void anOrderStoredBeforeItsJobIsStillOrderedAfterARestartAndCountsAsRunning() {
        Run run = new Run(RETRAINS);
        run.next(true);
        run.next(true);
        run.status.getLastRetrain().setTrainingPhase(null);
        assertThat(BreachTrigger.ordered(run.status, List.of())).as("stored, job not created yet").isTrue();
        assertThat(run.next(true).retrain()).as("the breach has its order").isEmpty();
        assertThat(BreachTrigger.ordered(run.status, List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1,
                run.now, TrainingJobPhase.Pending, null)))).as("its job seen").isFalse();
        run.now = run.now.plus(Duration.ofHours(1));
        run.next(false);
        run.next(true);
        BreachTrigger.Decision next = run.next(true);
        assertThat(next.retrain()).as("a new breach waits while the ordered job may still come").isEmpty();
        assertThat(next.held()).get().asString().contains("still running");
    }

    @Test
    void aNewBreachWaitsOutTheCooldownAndTheRunningRetrains() {
        Run run = new Run(RETRAINS);
        run.next(true);
        run.next(true);
        Instant first = run.now.minus(WINDOW);
        run.jobs = List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1, first, TrainingJobPhase.Failed, null));
        run.next(false);
        run.next(true);
        BreachTrigger.Decision again = run.next(true);
        assertThat(again.drifted()).isTrue();
        assertThat(again.retrain()).as("3 minutes after the last, cooldown 10m").isEmpty();
        assertThat(again.held()).get().asString().contains("cooldown 10m");
        run.now = first.plus(Duration.ofMinutes(10));
        run.jobs = List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1, first, TrainingJobPhase.Running, null));
        BreachTrigger.Decision busy = run.next(true);
        assertThat(busy.retrain()).isEmpty();
        assertThat(busy.held()).get().asString().contains("1 retraining TrainingJob(s) still running",
                "maxConcurrent 1");
        run.jobs = List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1, first, TrainingJobPhase.Succeeded,
                "churn-2"));
        assertThat(run.next(true).retrain()).map(BreachTrigger.Order::number).as("numbers go on").contains(2);
    }

    @Test
    void aNewStableVersionMovesTheReferenceAndStartsTheCountAgain() {
        Run run = new Run(RETRAINS);
        run.next(true);
        run.next(true);
        BreachTrigger.Decision promoted = run.next(window(true), "churn-2");
        assertThat(promoted.breaches()).as("the first window against churn-2's reference").isEqualTo(1);
        assertThat(promoted.drifted()).isFalse();
        assertThat(run.next(Optional.empty(), "churn-2").breaches()).isEqualTo(1);
    }

    @Test
    void eachNewRequestRetrainsOnceWithoutDriftOrCooldownButWithinMaxConcurrent() {
        Run run = new Run(RETRAINS);
        run.next(false);
        run.request = Optional.of("1764583200");
        BreachTrigger.Decision asked = run.next(false);
        assertThat(asked.retrain()).map(BreachTrigger.Order::number).contains(1);
        assertThat(asked.retrain().get().reason()).isEqualTo("asked for with mlcycle.io/retrain-request=1764583200");
        assertThat(asked.retrain().get().request()).isEqualTo("1764583200");
        Instant first = run.now.minus(WINDOW);
        run.jobs = List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1, first, TrainingJobPhase.Running, null));
        for (int i = 0; i < 5; i++) {
            assertThat(run.next(false).retrain()).as("window %d: the annotation stays, it was answered", i).isEmpty();
        }
        run.request = Optional.of("again");
        BreachTrigger.Decision busy = run.next(false);
        assertThat(busy.retrain()).as("retrain 1 still runs, maxConcurrent 1").isEmpty();
        assertThat(busy.held()).get().asString().contains("still running");
        run.jobs = List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1, first, TrainingJobPhase.Succeeded,
                "churn-2"));
        BreachTrigger.Decision second = run.next(false);
        assertThat(second.retrain()).as("within the 10m cooldown: a person asked").map(BreachTrigger.Order::number)
                .contains(2);
        assertThat(second.retrain().get().request()).isEqualTo("again");
    }

    @Test
    void aRequestWithoutARetrainTemplateWaitsAndSaysWhy() {
        Run run = new Run(monitor(""));
        run.request = Optional.of("now");
        BreachTrigger.Decision decision = run.next(false);
        assertThat(decision.retrain()).isEmpty();
        assertThat(decision.held()).get().asString().contains("mlcycle.io/retrain-request=now",
                "spec.action.retrain has no template");
        run.request = Optional.of("  ");
        assertThat(run.next(false).held()).as("a blank value asks for nothing").isEmpty();
    }

    @Test
    void aRequestMadeDuringABreachIsThatBreachsRetrain() {
        Run run = new Run(RETRAINS);
        run.next(true);
        run.request = Optional.of("now");
        BreachTrigger.Decision declared = run.next(true);
        assertThat(declared.retrain()).map(BreachTrigger.Order::request).contains("now");
        assertThat(run.status.getLastRetrain().getDriftedSince()).isEqualTo(run.status.getDriftedSince());
        run.jobs = List.of(new BreachTrigger.RetrainJob("churn-retrain-1", 1, run.now.minus(WINDOW),
                TrainingJobPhase.Succeeded, "churn-2"));
        run.now = run.now.plus(Duration.ofHours(1));
        assertThat(run.next(true).retrain()).as("the breach was answered, the request too").isEmpty();
    }
}
