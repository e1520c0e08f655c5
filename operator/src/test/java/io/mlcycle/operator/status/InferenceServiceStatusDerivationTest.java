package io.mlcycle.operator.status;

import static io.mlcycle.operator.Fixtures.servedVersion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.mlcycle.api.v1alpha1.InferenceServicePhase;
import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.StatusCondition;
import io.mlcycle.operator.Fixtures;
import io.mlcycle.operator.resolve.ModelChoice;
import io.mlcycle.api.v1alpha1.CanaryPhase;
import io.mlcycle.api.v1alpha1.PauseReason;
import io.mlcycle.operator.rollout.CanaryRollout;

class InferenceServiceStatusDerivationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String URL = "http://churn.ml.svc.cluster.local";
    private final ModelVersion v1 = servedVersion("1", "Ready", "Approved", "xgboost");
    private final ModelVersion v2 = servedVersion("2", "Ready", "Approved", "xgboost");

    private static Deployment deployment(int ready) {
        return new DeploymentBuilder().withNewMetadata().withName("churn-v1").endMetadata()
                .withNewSpec().withReplicas(1).endSpec().withNewStatus().withReadyReplicas(ready).endStatus().build();
    }

    private static InferenceServiceStatus derive(ModelChoice.Result choice, CanaryRollout.Plan plan,
            Map<String, RevisionView> revisions, boolean routerReady) {
        return InferenceServiceStatusDerivation.derive(Fixtures.inferenceService(""),
                new InferenceServiceStatusDerivation.Observation(choice, plan, revisions,
                        TrafficState.router(routerReady), URL,
                        "churn.ml.svc.cluster.local:8081", NOW), "runtime");
    }

    private CanaryRollout.Plan stableOnly() {
        return plan(Optional.of(stable(v1, 100)), Optional.empty(), Optional.empty());
    }

    private static CanaryRollout.Plan plan(Optional<CanaryRollout.Variant> stable,
            Optional<CanaryRollout.Variant> canary, Optional<String> held) {
        return new CanaryRollout.Plan(stable, canary, Optional.empty(), Optional.empty(), held, List.of(),
                Optional.empty());
    }

    private static CanaryRollout.Variant stable(ModelVersion version, int weight) {
        return new CanaryRollout.Variant(version, weight, null, Optional.empty());
    }

    private static CanaryRollout.Variant canary(ModelVersion version, int weight, CanaryPhase phase, int step,
            PauseReason pause, String message) {
        return new CanaryRollout.Variant(version, weight, "2026-12-01T11:59:00Z", Optional.of(
                new CanaryRollout.CanaryState(phase, step, 3, pause, message, List.of())));
    }

    private ModelChoice.Result serving(ModelVersion version) {
        return ModelChoice.choose(Fixtures.inferenceService(""), List.of(version));
    }

    private static StatusCondition ready(InferenceServiceStatus status) {
        return status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
    }

    private static Pod pod(String state) {
        return Fixtures.pod("""
                metadata: {name: churn-v1-abc, namespace: ml}
                status:
                  phase: Running
                """ + state);
    }

    @Test
    void aReadyRevisionBehindAReadyRouterIsReady() {
        InferenceServiceStatus status = derive(serving(v1), stableOnly(),
                Map.of("churn-1", new RevisionView("churn-v1", Optional.of(deployment(1)), List.of())), true);

        assertThat(ready(status).getStatus().name()).isEqualTo("True");
        assertThat(ready(status).getReason()).isEqualTo("Serving");
        assertThat(status.getPhase()).isEqualTo(InferenceServicePhase.Ready);
        assertThat(status.getUrl()).isEqualTo(URL);
        assertThat(status.getStable().getVersion()).isEqualTo("1");
        assertThat(status.getStable().getReadyReplicas()).isEqualTo(1);
        assertThat(status.getStable().getReplicas()).isEqualTo(1);
        assertThat(status.getStable().getWeight()).isEqualTo(100);
        assertThat(status.getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void aStartingRevisionOrRouterIsNotReadyYet() {
        Map<String, RevisionView> starting = Map.of("churn-1",
                new RevisionView("churn-v1", Optional.of(deployment(0)), List.of()));
        Map<String, RevisionView> ready = Map.of("churn-1",
                new RevisionView("churn-v1", Optional.of(deployment(1)), List.of()));

        assertThat(ready(derive(serving(v1), stableOnly(), starting, true)).getReason()).isEqualTo("RevisionStarting");
        assertThat(ready(derive(serving(v1), stableOnly(), ready, false)).getReason()).isEqualTo("RouterStarting");
    }

    @Test
    void aPodTheSchedulerCannotPlaceSaysWhy() {
        Pod unschedulable = pod("""
                  conditions:
                    - {type: PodScheduled, status: "False", reason: Unschedulable,
                       message: "0/1 nodes are available: 1 Insufficient nvidia.com/gpu."}
                """);
        InferenceServiceStatus status = derive(serving(v1), stableOnly(), Map.of("churn-1",
                new RevisionView("churn-v1", Optional.of(deployment(0)), List.of(unschedulable))), true);

        assertThat(ready(status).getReason()).isEqualTo("Unschedulable");
        assertThat(ready(status).getMessage()).contains("Insufficient nvidia.com/gpu");
    }

    @Test
    void aCrashLoopIsNotReadyEvenWithAnotherPodReadyAndNamesTheRuntimesReason() {
        Pod looping = pod("""
                  containerStatuses:
                    - name: runtime
                      ready: false
                      restartCount: 3
                      image: mlcycle.local/inference-runtime
                      imageID: x
                      state: {waiting: {reason: CrashLoopBackOff, message: back-off 40s}}
                      lastState:
                        terminated: {exitCode: 1, reason: Error,
                                     message: "ArtifactDigestMismatch: sha256 mismatch: artifact s3://m/a has sha256 1 but 2 was expected"}
                """);
        InferenceServiceStatus status = derive(serving(v1), stableOnly(), Map.of("churn-1",
                new RevisionView("churn-v1", Optional.of(deployment(1)), List.of(looping))), true);

        assertThat(ready(status).getStatus().name()).isEqualTo("False");
        assertThat(ready(status).getReason()).isEqualTo("ArtifactDigestMismatch");
        assertThat(ready(status).getMessage()).contains("sha256 mismatch");
        assertThat(status.getPhase()).isEqualTo(InferenceServicePhase.Failed);
    }

    @Test
    void aContainerRunningAgainBetweenCrashesKeepsTheReasonOfTheLastOne() {
        Pod restarted = pod("""
                  containerStatuses:
                    - name: runtime
                      ready: false
                      restartCount: 2
                      image: i
                      imageID: x
                      state: {running: {startedAt: "2026-12-01T12:00:00Z"}}
                      lastState:
                        terminated: {exitCode: 1, reason: Error, message: "ArtifactDigestMismatch: sha256 mismatch"}
                """);
        InferenceServiceStatus status = derive(serving(v1), stableOnly(), Map.of("churn-1",
                new RevisionView("churn-v1", Optional.of(deployment(0)), List.of(restarted))), true);

        assertThat(ready(status).getReason()).isEqualTo("ArtifactDigestMismatch");
    }

    @Test
    void aCrashWithoutAReasonedMessageIsACrashLoop() {
        Pod looping = pod("""
                  containerStatuses:
                    - name: runtime
                      ready: false
                      restartCount: 2
                      image: i
                      imageID: x
                      state: {waiting: {reason: CrashLoopBackOff}}
                      lastState: {terminated: {exitCode: 137, reason: Error, message: "killed"}}
                """);
        InferenceServiceStatus status = derive(serving(v1), stableOnly(), Map.of("churn-1",
                new RevisionView("churn-v1", Optional.of(deployment(0)), List.of(looping))), true);

        assertThat(ready(status).getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(ready(status).getMessage()).contains("exits with code 137");
    }

    @Test
    void withNothingServableStatusNamesTheVersionItWaitsFor() {
        ModelVersion pending = servedVersion("1", "Ready", "Pending", "xgboost");
        InferenceServiceStatus status = derive(serving(pending), plan(Optional.empty(), Optional.empty(),
                Optional.empty()), Map.of(), false);

        assertThat(ready(status).getStatus().name()).isEqualTo("False");
        assertThat(ready(status).getReason()).isEqualTo("AwaitingApproval");
        assertThat(status.getPhase()).isEqualTo(InferenceServicePhase.Pending);
        assertThat(status.getStable()).isNull();
    }

    @Test
    void duringASwitchTheStableVersionServesAndTheNewOneIsShown() {
        CanaryRollout.Plan plan = plan(Optional.of(stable(v1, 100)), Optional.of(canary(v2, 0, CanaryPhase.Starting,
                CanaryRollout.MIRROR_STEP, null, "waiting")), Optional.empty());
        InferenceServiceStatus status = derive(serving(v2), plan, Map.of(
                "churn-1", new RevisionView("churn-v1", Optional.of(deployment(1)), List.of()),
                "churn-2", new RevisionView("churn-v2", Optional.of(deployment(0)), List.of())), true);

        assertThat(ready(status).getStatus().name()).isEqualTo("True");
        assertThat(ready(status).getReason()).isEqualTo("StartingRevision");
        assertThat(status.getPhase()).isEqualTo(InferenceServicePhase.Progressing);
        assertThat(status.getCanary().getVersion()).isEqualTo("2");
        assertThat(status.getCanary().getWeight()).isZero();
    }

    @Test
    void aRolloutAtAStepSaysWhichShareTheCanaryGetsAndAPauseSaysWhy() {
        Map<String, RevisionView> revisions = Map.of(
                "churn-1", new RevisionView("churn-v1", Optional.of(deployment(1)), List.of()),
                "churn-2", new RevisionView("churn-v2", Optional.of(deployment(1)), List.of()));

        InferenceServiceStatus stepping = derive(serving(v2), plan(Optional.of(stable(v1, 90)), Optional.of(canary(v2,
                10, CanaryPhase.Progressing, 0, null, null)), Optional.empty()), revisions, true);
        assertThat(ready(stepping).getReason()).isEqualTo("RollingOut");
        assertThat(ready(stepping).getMessage()).isEqualTo("serving version 1 (churn-1); version 2 (churn-2) gets 10% "
                + "at step 1/3");
        assertThat(stepping.getCanary().getPhase()).isEqualTo(CanaryPhase.Progressing);
        assertThat(stepping.getCanary().getReadyReplicas()).isEqualTo(1);
        assertThat(stepping.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("CanaryHealthy");
            assertThat(c.getReason()).isEqualTo("NoAnalysisYet");
        });

        InferenceServiceStatus paused = derive(serving(v2), plan(Optional.of(stable(v1, 50)), Optional.of(canary(v2,
                50, CanaryPhase.Paused, 1, PauseReason.AnalysisFailed, "analysis failed at step 2/3: errorRate 0.2 > "
                        + "0.01")), Optional.empty()), revisions, true);
        assertThat(ready(paused).getReason()).isEqualTo("RolloutPaused");
        assertThat(paused.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("CanaryHealthy");
            assertThat(c.getStatus().name()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("AnalysisFailed");
        });
        assertThat(paused.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Reconciling");
            assertThat(c.getStatus().name()).as("waiting for a person, not progressing").isEqualTo("False");
        });
    }

    @Test
    void aVersionRolledBackBeforeIsHeldBackAndStatusSaysSo() {
        InferenceServiceStatus status = derive(serving(v2), plan(Optional.of(stable(v1, 100)), Optional.empty(),
                Optional.of("churn-2 was rolled back (analysis failed); it is tried again once it or this "
                        + "InferenceService changes")), Map.of("churn-1", new RevisionView("churn-v1",
                                Optional.of(deployment(1)), List.of())), true);

        assertThat(ready(status).getStatus().name()).isEqualTo("True");
        assertThat(ready(status).getReason()).isEqualTo("RolledBack");
        assertThat(ready(status).getMessage()).startsWith("serving version 1 (churn-1); churn-2 was rolled back");
    }
}
