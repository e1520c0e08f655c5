package io.mlcycle.operator.rollout;

import static io.mlcycle.operator.Fixtures.servedVersion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlcycle.api.v1alpha1.AnalysisOutcome;
import io.mlcycle.api.v1alpha1.AnalysisResult;
import io.mlcycle.api.v1alpha1.CanaryPhase;
import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.PauseReason;
import io.mlcycle.api.v1alpha1.RolloutOutcome;
import io.mlcycle.api.v1alpha1.RolloutSpec;

/**
 * The canary state machine step by step. A {@link Rollout} drives it as the reconciler does: each reconcile plans from
 * the status the previous one wrote, and every reconcile is followed by a "restart" (the same status planned again at
 * the same time), which must change nothing and emit nothing.
 */
class CanaryRolloutTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final ModelVersion v1 = servedVersion("1", "Ready", "Approved", "xgboost");
    private final ModelVersion v2 = servedVersion("2", "Ready", "Approved", "xgboost");
    private final ModelVersion v3 = servedVersion("3", "Ready", "Approved", "xgboost");

    private static RolloutSpec rollout(String yaml) {
        return Serialization.unmarshal(yaml, RolloutSpec.class);
    }

    private static final String STEPS = """
            steps: [{weight: 10, pause: 1m}, {weight: 50, pause: 1m}, {weight: 100, pause: 1m}]
            """;

    private static final String CHECKED = """
            steps: [{weight: 10, pause: 1m}, {weight: 50, pause: 1m}]
            analysis: {interval: 30s, minRequests: 100, maxErrorRate: 0.01, maxLatencyP99: 250ms}
            """;

    /** A rollout as the reconciler runs it: status in, plan out, status written back. */
    private final class Rollout {
        RolloutSpec spec;
        InferenceServiceStatus status;
        Instant now = T0;
        long generation = 1;
        final Map<String, ModelVersion> versions = new HashMap<>(Map.of("churn-1", v1, "churn-2", v2, "churn-3", v3));
        final Map<String, Integer> ready = new HashMap<>(Map.of("churn-1", 1, "churn-2", 0, "churn-3", 0));
        ModelVersion target;
        Duration drain = DRAIN;
        Optional<String> mirrorUnavailable = Optional.empty();
        CanaryRollout.Plan last;

        Rollout(String spec) {
            this.spec = spec == null ? null : rollout(spec);
            target = v1;
            reconcile();
            target = v2;
        }

        CanaryRollout.Plan reconcile() {
            return reconcile(Optional.empty(), Optional.empty(), Optional.empty());
        }

        CanaryRollout.Plan reconcile(Optional<RolloutAction> action, Optional<AnalysisResult> analysis,
                Optional<String> failure) {
            last = plan(action, analysis, failure);
            InferenceServiceStatus next = new InferenceServiceStatus();
            last.applyTo(next, status);
            status = next;
            CanaryRollout.Plan again = plan(Optional.empty(), Optional.empty(), Optional.empty());
            InferenceServiceStatus restarted = new InferenceServiceStatus();
            again.applyTo(restarted, status);
            assertThat(again.events()).as("events of a reconcile after a restart").isEmpty();
            assertThat(Serialization.asJson(restarted)).as("status after a restart").isEqualTo(Serialization.asJson(status));
            return last;
        }

        private CanaryRollout.Plan plan(Optional<RolloutAction> action, Optional<AnalysisResult> analysis,
                Optional<String> failure) {
            CanaryRollout.Plan plan = plan(action, analysis, failure, mirrorUnavailable);
            if (!CanaryRollout.mayConsultMirror(status, Optional.ofNullable(target))) {
                // The reconciler does not ask the cluster then: the other answer must plan the same.
                CanaryRollout.Plan other = plan(action, analysis, failure, mirrorUnavailable.isPresent()
                        ? Optional.empty() : Optional.of("the Gateway cannot mirror"));
                assertThat(outcome(other)).as("a plan where the mirror is not consulted").isEqualTo(outcome(plan));
            }
            return plan;
        }

        private CanaryRollout.Plan plan(Optional<RolloutAction> action, Optional<AnalysisResult> analysis,
                Optional<String> failure, Optional<String> mirror) {
            return CanaryRollout.plan(new CanaryRollout.Inputs(status, Optional.ofNullable(target), versions, ready, 1,
                    spec, generation, action, analysis, failure, mirror, now, drain));
        }

        private String outcome(CanaryRollout.Plan plan) {
            InferenceServiceStatus next = new InferenceServiceStatus();
            plan.applyTo(next, status);
            return Serialization.asJson(next) + plan.events() + plan.requeueAfter() + plan.mirror();
        }

        void after(Duration duration) {
            now = now.plus(duration);
        }

        int canaryWeight() {
            return status.getCanary() == null ? -1 : status.getCanary().getWeight();
        }

        CanaryPhase phase() {
            return status.getCanary() == null ? null : status.getCanary().getPhase();
        }

        List<String> events() {
            return last.events().stream().map(CanaryRollout.Event::reason).toList();
        }

        AnalysisResult analysis(long requests, long errors, double p99) {
            return Analysis.judge(spec.getAnalysis(), new CanaryFigures(requests, errors, p99, null, null),
                    status.getCanary().getPhase(), now);
        }
    }

    @Test
    void theFirstVersionServesAtOnceWithoutARollout() {
        Rollout rollout = new Rollout(STEPS);

        assertThat(rollout.status.getStable().getModelVersion()).isEqualTo("churn-1");
        assertThat(rollout.status.getStable().getWeight()).isEqualTo(100);
        assertThat(rollout.status.getCanary()).isNull();
        assertThat(rollout.last.events()).isEmpty();
    }

    @Test
    void aNewVersionStartsWithNoTrafficAndWaitsForItsPods() {
        Rollout rollout = new Rollout(STEPS);

        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("RolloutStarted");
        assertThat(rollout.last.events().get(0).message()).isEqualTo(
                "rolling out churn-2 beside churn-1 in 3 steps (10%, 50%, 100%)");
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Starting);
        assertThat(rollout.canaryWeight()).isZero();
        assertThat(rollout.status.getCanary().getStep()).isNull();
        assertThat(rollout.status.getCanary().getSteps()).isEqualTo(3);

        rollout.after(Duration.ofMinutes(5));
        rollout.reconcile();
        assertThat(rollout.phase()).as("not Ready: no traffic however long").isEqualTo(CanaryPhase.Starting);
        assertThat(rollout.status.getStable().getWeight()).isEqualTo(100);
    }

    @Test
    void stepsOnTimeAloneWithoutThresholdsThenPromotionAndDrain() {
        Rollout rollout = new Rollout(STEPS);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);

        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("RolloutStep");
        assertThat(rollout.last.events().get(0).message()).isEqualTo("step 1/3: 10% of traffic to churn-2");
        assertThat(rollout.canaryWeight()).isEqualTo(10);
        assertThat(rollout.status.getStable().getWeight()).isEqualTo(90);
        assertThat(rollout.status.getCanary().getSince()).isEqualTo(T0.toString());
        assertThat(rollout.last.requeueAfter()).contains(Duration.ofMinutes(1));

        rollout.after(Duration.ofSeconds(59));
        rollout.reconcile();
        assertThat(rollout.canaryWeight()).isEqualTo(10);
        assertThat(rollout.last.requeueAfter()).contains(Duration.ofSeconds(1));

        rollout.after(Duration.ofSeconds(1));
        rollout.reconcile();
        assertThat(rollout.canaryWeight()).isEqualTo(50);
        assertThat(rollout.status.getCanary().getStep()).isEqualTo(1);

        rollout.after(Duration.ofMinutes(1));
        rollout.reconcile();
        assertThat(rollout.canaryWeight()).isEqualTo(100);
        assertThat(rollout.status.getStable().getWeight()).isZero();
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Progressing);

        rollout.after(Duration.ofMinutes(1));
        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("Promoted");
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Promoting);
        assertThat(rollout.status.getLastRollout().getOutcome()).isEqualTo(RolloutOutcome.Promoted);
        assertThat(rollout.status.getLastRollout().getFrom()).isEqualTo("1");
        assertThat(rollout.status.getLastRollout().getTo()).isEqualTo("2");
        assertThat(rollout.last.requeueAfter()).contains(DRAIN);

        rollout.after(DRAIN);
        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("Stable");
        assertThat(rollout.status.getStable().getModelVersion()).isEqualTo("churn-2");
        assertThat(rollout.status.getStable().getWeight()).isEqualTo(100);
        assertThat(rollout.status.getCanary()).isNull();
        assertThat(rollout.status.getLastRollout().getOutcome()).as("kept").isEqualTo(RolloutOutcome.Promoted);
    }

    @Test
    void noStepsMeansAllTrafficOnceReadyAndADrainAsBefore() {
        Rollout rollout = new Rollout(null);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);

        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("RolloutStep", "Promoted");
        assertThat(rollout.canaryWeight()).isEqualTo(100);
        assertThat(rollout.status.getStable().getWeight()).isZero();
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Promoting);
        assertThat(rollout.last.requeueAfter()).contains(DRAIN);
        rollout.after(DRAIN);
        rollout.reconcile();
        assertThat(rollout.status.getStable().getModelVersion()).isEqualTo("churn-2");
    }

    @Test
    void theMirrorPhaseCopiesRequestsWithoutTrafficThenTheStepsBegin() {
        Rollout rollout = new Rollout("""
                mirror: {percent: 50, duration: 2m}
                steps: [{weight: 10, pause: 1m}]
                """);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);

        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("MirrorStarted");
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Mirroring);
        assertThat(rollout.canaryWeight()).isZero();
        assertThat(rollout.last.mirror()).hasValueSatisfying(m -> {
            assertThat(m.version().getMetadata().getName()).isEqualTo("churn-2");
            assertThat(m.percent()).isEqualTo(50);
        });

        rollout.after(Duration.ofMinutes(2));
        rollout.reconcile();
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Progressing);
        assertThat(rollout.canaryWeight()).isEqualTo(10);
        assertThat(rollout.last.mirror()).as("no copies once it has real traffic").isEmpty();
    }

    @Test
    void withThresholdsAStepEndsOnlyAfterAPassedAnalysisAndTooLittleTrafficWaits() {
        Rollout rollout = new Rollout(CHECKED);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        assertThat(rollout.canaryWeight()).isEqualTo(10);
        assertThat(CanaryRollout.analysisDue(rollout.status, rollout.spec, rollout.now)).isFalse();

        rollout.after(Duration.ofSeconds(30));
        assertThat(CanaryRollout.analysisDue(rollout.status, rollout.spec, rollout.now)).isTrue();
        rollout.reconcile(Optional.empty(), Optional.of(rollout.analysis(12, 0, 5)), Optional.empty());
        assertThat(rollout.events()).containsExactly("AnalysisInconclusive");
        assertThat(rollout.status.getCanary().getAnalysis().getMessage())
                .isEqualTo("waiting: 12 of the 100 requests needed in the interval");
        assertThat(CanaryRollout.analysisDue(rollout.status, rollout.spec, rollout.now)).isFalse();

        rollout.after(Duration.ofSeconds(30));
        rollout.reconcile(Optional.empty(), Optional.of(rollout.analysis(40, 0, 5)), Optional.empty());
        assertThat(rollout.canaryWeight()).as("the pause is over, but nothing was judged").isEqualTo(10);

        rollout.after(Duration.ofSeconds(30));
        rollout.reconcile(Optional.empty(), Optional.of(rollout.analysis(300, 1, 12.5)), Optional.empty());
        assertThat(rollout.events()).containsExactly("AnalysisPassed", "RolloutStep");
        assertThat(rollout.canaryWeight()).isEqualTo(50);
        assertThat(rollout.status.getCanary().getHistory()).hasSize(3);
        assertThat(rollout.status.getCanary().getAnalysis().getOutcome()).isEqualTo(AnalysisOutcome.Passed);
        assertThat(CanaryRollout.analysisDue(rollout.status, rollout.spec, rollout.now))
                .as("a new step waits an interval").isFalse();
    }

    @Test
    void aFailedAnalysisRollsBackNamingTheFigureAndTheVersionIsNotTriedAgainUntilSomethingChanges() {
        Rollout rollout = new Rollout(CHECKED);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        rollout.after(Duration.ofSeconds(30));

        rollout.reconcile(Optional.empty(), Optional.of(rollout.analysis(200, 30, 5)), Optional.empty());
        assertThat(rollout.events()).containsExactly("AnalysisFailed", "RolledBack");
        assertThat(rollout.status.getCanary()).isNull();
        assertThat(rollout.status.getStable().getModelVersion()).isEqualTo("churn-1");
        assertThat(rollout.status.getStable().getWeight()).isEqualTo(100);
        assertThat(rollout.status.getLastRollout().getOutcome()).isEqualTo(RolloutOutcome.RolledBack);
        assertThat(rollout.status.getLastRollout().getReason())
                .isEqualTo("analysis failed at step 1/2: errorRate 0.15 > 0.01");

        rollout.after(Duration.ofMinutes(10));
        CanaryRollout.Plan held = rollout.reconcile();
        assertThat(held.canary()).isEmpty();
        assertThat(held.held()).hasValueSatisfying(why -> assertThat(why).startsWith("churn-2 was rolled back"));

        v2.getMetadata().setGeneration(2L);
        rollout.reconcile();
        assertThat(rollout.events()).as("the ModelVersion changed; its pods are still Ready")
                .containsExactly("RolloutStarted", "RolloutStep");
    }

    @Test
    void aChangedInferenceServiceTriesARolledBackVersionAgain() {
        Rollout rollout = new Rollout(CHECKED);
        rollout.reconcile();
        rollout.reconcile(Optional.of(RolloutAction.ABORT), Optional.empty(), Optional.empty());
        assertThat(rollout.status.getLastRollout().getReason()).isEqualTo(
                "aborted by a person (mlcycle.io/rollout-action: abort)");
        rollout.reconcile();
        assertThat(rollout.status.getCanary()).isNull();

        rollout.generation = 2;
        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("RolloutStarted");
    }

    @Test
    void withoutRollbackOnFailureAFailedAnalysisPausesUntilAPersonDecides() {
        Rollout rollout = new Rollout(CHECKED + "rollbackOnFailure: false\n");
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        rollout.after(Duration.ofSeconds(30));

        rollout.reconcile(Optional.empty(), Optional.of(rollout.analysis(200, 0, 900)), Optional.empty());
        assertThat(rollout.events()).containsExactly("AnalysisFailed", "RolloutPaused");
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Paused);
        assertThat(rollout.status.getCanary().getPauseReason()).isEqualTo(PauseReason.AnalysisFailed);
        assertThat(rollout.status.getCanary().getMessage()).startsWith("analysis failed at step 1/2: latencyP99 900 > 250 ms");
        assertThat(rollout.canaryWeight()).as("held").isEqualTo(10);

        rollout.after(Duration.ofSeconds(30));
        rollout.reconcile(Optional.empty(), Optional.of(rollout.analysis(200, 0, 900)), Optional.empty());
        assertThat(rollout.phase()).as("a failure while paused for one changes nothing").isEqualTo(CanaryPhase.Paused);

        rollout.reconcile(Optional.of(RolloutAction.RESUME), Optional.empty(), Optional.empty());
        assertThat(rollout.events()).containsExactly("RolloutResumed");
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Progressing);
        assertThat(rollout.status.getCanary().getSince()).isEqualTo(rollout.now.toString());

        rollout.reconcile(Optional.of(RolloutAction.PROMOTE), Optional.empty(), Optional.empty());
        assertThat(rollout.events()).containsExactly("PromotedByPerson", "Promoted");
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Promoting);
    }

    @Test
    void withoutAutoPromoteTheLastStepWaitsForAPersonAndResumeDoesNotPromote() {
        Rollout rollout = new Rollout("""
                steps: [{weight: 20, pause: 1m}]
                autoPromote: false
                """);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        rollout.after(Duration.ofMinutes(1));

        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("AwaitingPromotion");
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Paused);
        assertThat(rollout.status.getCanary().getPauseReason()).isEqualTo(PauseReason.AwaitingPromotion);
        assertThat(rollout.canaryWeight()).isEqualTo(20);

        rollout.after(Duration.ofHours(1));
        rollout.reconcile(Optional.of(RolloutAction.RESUME), Optional.empty(), Optional.empty());
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Paused);
        assertThat(rollout.last.events()).isEmpty();

        rollout.reconcile(Optional.of(RolloutAction.PROMOTE), Optional.empty(), Optional.empty());
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Promoting);
        assertThat(rollout.canaryWeight()).isEqualTo(100);
    }

    @Test
    void aManualPauseHoldsTheWeightPastThePauseAndResumeStartsTheStepAgain() {
        Rollout rollout = new Rollout(STEPS);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();

        rollout.reconcile(Optional.of(RolloutAction.PAUSE), Optional.empty(), Optional.empty());
        assertThat(rollout.events()).containsExactly("RolloutPaused");
        assertThat(rollout.status.getCanary().getPauseReason()).isEqualTo(PauseReason.Manual);
        rollout.after(Duration.ofHours(1));
        rollout.reconcile();
        assertThat(rollout.canaryWeight()).isEqualTo(10);
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Paused);

        rollout.reconcile(Optional.of(RolloutAction.RESUME), Optional.empty(), Optional.empty());
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Progressing);
        assertThat(rollout.canaryWeight()).isEqualTo(10);
        rollout.after(Duration.ofMinutes(1));
        rollout.reconcile();
        assertThat(rollout.canaryWeight()).isEqualTo(50);
    }

    @Test
    void aMirrorTheTrafficLayerCannotMakePausesBeforeAnyTrafficUntilAPersonOrTheSpecDecides() {
        Rollout rollout = new Rollout("""
                mirror: {duration: 1m}
                steps: [{weight: 10, pause: 1m}]
                """);
        rollout.mirrorUnavailable = Optional.of("GatewayClass traefik does not support HTTPRouteRequestMirror");
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);

        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("MirrorUnavailable");
        assertThat(rollout.last.events().get(0).warning()).isTrue();
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Paused);
        assertThat(rollout.status.getCanary().getPauseReason()).isEqualTo(PauseReason.MirrorUnavailable);
        assertThat(rollout.status.getCanary().getMessage()).startsWith(
                "GatewayClass traefik does not support HTTPRouteRequestMirror; remove rollout.mirror");
        assertThat(rollout.canaryWeight()).isZero();
        assertThat(rollout.last.mirror()).isEmpty();
        assertThat(rollout.last.requeueAfter()).as("the GatewayClass is looked at again").hasValue(Duration.ofMinutes(1));
        rollout.after(Duration.ofMinutes(5));
        rollout.reconcile();
        assertThat(rollout.phase()).as("time alone changes nothing").isEqualTo(CanaryPhase.Paused);

        rollout.reconcile(Optional.of(RolloutAction.RESUME), Optional.empty(), Optional.empty());
        assertThat(rollout.events()).containsExactly("RolloutResumed", "RolloutStep");
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Progressing);
        assertThat(rollout.canaryWeight()).isEqualTo(10);
    }

    @Test
    void theGatewayIsAskedWhetherItCanMirrorOnlyWhileARolloutCanEnterTheMirror() {
        Rollout rollout = new Rollout("""
                mirror: {duration: 1m}
                steps: [{weight: 10, pause: 1m}]
                """);
        rollout.target = rollout.versions.get("churn-1");
        assertThat(CanaryRollout.mayConsultMirror(rollout.status, Optional.of(rollout.target))).as("steady").isFalse();
        rollout.target = rollout.versions.get("churn-2");
        assertThat(CanaryRollout.mayConsultMirror(rollout.status, Optional.of(rollout.target))).as("a new target")
                .isTrue();
        rollout.reconcile();
        assertThat(CanaryRollout.mayConsultMirror(rollout.status, Optional.of(rollout.target))).as("Starting").isTrue();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Mirroring);
        assertThat(CanaryRollout.mayConsultMirror(rollout.status, Optional.of(rollout.target))).as("Mirroring")
                .isFalse();
        assertThat(CanaryRollout.mayConsultMirror(rollout.status, Optional.of(rollout.versions.get("churn-3"))))
                .as("a newer target replaces the canary").isTrue();
    }

    @Test
    void aMirrorTakenOutOfSpecWhilePausedForItStartsTheSteps() {
        Rollout rollout = new Rollout("""
                mirror: {duration: 1m}
                steps: [{weight: 10, pause: 1m}]
                """);
        rollout.mirrorUnavailable = Optional.of("no mirror here");
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Paused);

        rollout.spec = rollout("steps: [{weight: 10, pause: 1m}]");
        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("RolloutStep");
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Progressing);
        assertThat(rollout.canaryWeight()).isEqualTo(10);
    }

    @Test
    void aPauseDuringTheMirrorKeepsTheCopiesAndResumeGoesBackToMirroring() {
        Rollout rollout = new Rollout("""
                mirror: {duration: 1m}
                steps: [{weight: 10, pause: 1m}]
                """);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();

        rollout.reconcile(Optional.of(RolloutAction.PAUSE), Optional.empty(), Optional.empty());
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Paused);
        assertThat(rollout.canaryWeight()).isZero();
        assertThat(rollout.last.mirror()).isPresent();
        assertThat(rollout.last.events().get(0).message()).isEqualTo("paused by a person at the mirror phase");

        rollout.reconcile(Optional.of(RolloutAction.RESUME), Optional.empty(), Optional.empty());
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Mirroring);
    }

    @Test
    void aCrashLoopingCanaryIsRolledBack() {
        Rollout rollout = new Rollout(STEPS);
        rollout.reconcile();

        rollout.reconcile(Optional.empty(), Optional.empty(), Optional.of("ModelLoadFailed: bad artifact"));
        assertThat(rollout.events()).containsExactly("RolledBack");
        assertThat(rollout.status.getLastRollout().getReason()).isEqualTo(
                "churn-2 cannot serve: ModelLoadFailed: bad artifact");
    }

    @Test
    void aCanaryThatLosesItsPodsGetsNoTrafficButKeepsItsStep() {
        Rollout rollout = new Rollout(STEPS);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        rollout.after(Duration.ofMinutes(1));
        rollout.reconcile();
        assertThat(rollout.canaryWeight()).isEqualTo(50);

        rollout.ready.put("churn-2", 0);
        rollout.reconcile();
        assertThat(rollout.canaryWeight()).isZero();
        assertThat(rollout.status.getStable().getWeight()).isEqualTo(100);
        assertThat(rollout.status.getCanary().getStep()).isEqualTo(1);

        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        assertThat(rollout.canaryWeight()).isEqualTo(50);
    }

    @Test
    void aNewerVersionMidRolloutReplacesTheCanary() {
        Rollout rollout = new Rollout(STEPS);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        assertThat(rollout.canaryWeight()).isEqualTo(10);

        rollout.target = v3;
        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("RolloutSuperseded", "RolloutStarted");
        assertThat(rollout.status.getCanary().getModelVersion()).isEqualTo("churn-3");
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Starting);
        assertThat(rollout.status.getStable().getWeight()).isEqualTo(100);
        assertThat(rollout.status.getLastRollout().getOutcome()).isEqualTo(RolloutOutcome.Superseded);
        assertThat(rollout.status.getLastRollout().getTo()).isEqualTo("2");
    }

    @Test
    void theTargetGoingBackToStableCallsTheRolloutOff() {
        Rollout rollout = new Rollout(STEPS);
        rollout.reconcile();

        rollout.target = v1;
        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("RolloutAbandoned");
        assertThat(rollout.status.getCanary()).isNull();
        assertThat(rollout.status.getLastRollout().getOutcome()).isEqualTo(RolloutOutcome.Superseded);
    }

    @Test
    void aPromotionIsFinishedBeforeANewerTargetStartsAndTrafficGoesBackIfTheNewPodsGo() {
        Rollout rollout = new Rollout(null);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Promoting);

        rollout.target = v3;
        rollout.reconcile();
        assertThat(rollout.phase()).as("the drain goes on").isEqualTo(CanaryPhase.Promoting);
        assertThat(rollout.status.getCanary().getModelVersion()).isEqualTo("churn-2");

        rollout.target = v2;
        rollout.ready.put("churn-2", 0);
        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("TrafficBack");
        assertThat(rollout.status.getStable().getWeight()).isEqualTo(100);
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Progressing);

        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("Promoted");
        assertThat(rollout.canaryWeight()).isEqualTo(100);
    }

    @Test
    void nothingServableKeepsTheStableAndCallsOffTheRollout() {
        Rollout rollout = new Rollout(STEPS);
        rollout.reconcile();

        rollout.target = null;
        rollout.reconcile();
        assertThat(rollout.status.getStable().getModelVersion()).isEqualTo("churn-1");
        assertThat(rollout.status.getCanary()).isNull();
        assertThat(rollout.events()).containsExactly("RolloutAbandoned");
    }

    @Test
    void theHistoryKeepsTheLatestTenAnalyses() {
        Rollout rollout = new Rollout(CHECKED);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        for (int i = 0; i < 12; i++) {
            rollout.after(Duration.ofSeconds(30));
            rollout.reconcile(Optional.empty(), Optional.of(rollout.analysis(i, 0, 5)), Optional.empty());
        }

        assertThat(rollout.status.getCanary().getHistory()).hasSize(CanaryRollout.HISTORY);
        assertThat(rollout.status.getCanary().getHistory().get(9).getRequests()).isEqualTo(11);
    }

    @Test
    void aSwitchWrittenBeforePhasesExistedGoesOnAsAPromotionAndOneJustStartedAsAStart() {
        Rollout rollout = new Rollout(STEPS);
        rollout.ready.put("churn-2", 1);
        InferenceServiceStatus old = new InferenceServiceStatus();
        old.setStable(variant("churn-1", 0, null));
        old.setCanary(variant("churn-2", 100, T0.toString()));
        rollout.status = old;

        rollout.reconcile();
        assertThat(rollout.phase()).as("mid-drain: traffic stays where it is").isEqualTo(CanaryPhase.Promoting);
        assertThat(rollout.canaryWeight()).isEqualTo(100);
        rollout.after(DRAIN);
        rollout.reconcile();
        assertThat(rollout.status.getStable().getModelVersion()).isEqualTo("churn-2");
    }

    private static io.mlcycle.api.v1alpha1.VariantStatus variant(String name, int weight, String since) {
        io.mlcycle.api.v1alpha1.VariantStatus variant = new io.mlcycle.api.v1alpha1.VariantStatus();
        variant.setModelVersion(name);
        variant.setWeight(weight);
        variant.setSince(since);
        return variant;
    }

    @Test
    void aMirrorTakenOutOfSpecWhileMirroringEndsTheMirrorPhase() {
        Rollout rollout = new Rollout("""
                mirror: {duration: 10m}
                steps: [{weight: 10, pause: 1m}]
                """);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Mirroring);

        rollout.spec = rollout("steps: [{weight: 10, pause: 1m}]\n");
        rollout.reconcile();
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Progressing);
        assertThat(rollout.canaryWeight()).isEqualTo(10);
    }

    @Test
    void aMirrorOfNoDurationAndADrainOfNoTimeTakeNoReconcileOfTheirOwn() {
        Rollout rollout = new Rollout("""
                mirror: {duration: 0s}
                steps: [{weight: 10, pause: 1m}]
                """);
        rollout.drain = Duration.ZERO;
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);

        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("MirrorStarted", "RolloutStep");
        rollout.after(Duration.ofMinutes(1));
        rollout.reconcile();
        assertThat(rollout.events()).containsExactly("Promoted");
        assertThat(rollout.status.getStable().getModelVersion()).isEqualTo("churn-2");
        assertThat(rollout.status.getCanary()).isNull();
    }

    @Test
    void aRolloutWaitingForAPersonIsPromotedOnceAutoPromoteIsTrueAgain() {
        Rollout rollout = new Rollout("""
                steps: [{weight: 20, pause: 1m}]
                autoPromote: false
                """);
        rollout.reconcile();
        rollout.ready.put("churn-2", 1);
        rollout.reconcile();
        rollout.after(Duration.ofMinutes(1));
        rollout.reconcile();
        assertThat(rollout.status.getCanary().getPauseReason()).isEqualTo(PauseReason.AwaitingPromotion);

        rollout.spec = rollout("steps: [{weight: 20, pause: 1m}]\n");
        rollout.reconcile();
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Promoting);
        assertThat(rollout.status.getLastRollout().getReason()).isEqualTo("passed step 1/1; autoPromote is true");
    }

    @Test
    void aCanaryPausedBeforeItWasReadyResumesAsStartingNotMirroring() {
        Rollout rollout = new Rollout("""
                mirror: {duration: 1m}
                steps: [{weight: 10, pause: 1m}]
                rollbackOnFailure: false
                """);
        rollout.reconcile();
        rollout.reconcile(Optional.empty(), Optional.empty(), Optional.of("CrashLoopBackOff: exits 1"));
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Paused);
        assertThat(rollout.last.mirror()).isEmpty();

        rollout.reconcile(Optional.of(RolloutAction.RESUME), Optional.empty(), Optional.empty());
        assertThat(rollout.phase()).isEqualTo(CanaryPhase.Starting);
        assertThat(rollout.canaryWeight()).isZero();
    }
}
