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
import io.mlcycle.operator.rollout.Switchover;

class InferenceServiceStatusDerivationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String URL = "http://churn.ml.svc.cluster.local";
    private final ModelVersion v1 = servedVersion("1", "Ready", "Approved", "xgboost");
    private final ModelVersion v2 = servedVersion("2", "Ready", "Approved", "xgboost");

    private static Deployment deployment(int ready) {
        return new DeploymentBuilder().withNewMetadata().withName("churn-v1").endMetadata()
                .withNewSpec().withReplicas(1).endSpec().withNewStatus().withReadyReplicas(ready).endStatus().build();
    }

    private static InferenceServiceStatus derive(ModelChoice.Result choice, Switchover.Plan plan,
            Map<String, RevisionView> revisions, boolean routerReady) {
        return InferenceServiceStatusDerivation.derive(Fixtures.inferenceService(""),
                new InferenceServiceStatusDerivation.Observation(choice, plan, revisions,
                        TrafficState.router(routerReady), URL,
                        "churn.ml.svc.cluster.local:8081", NOW), "runtime");
    }

    private Switchover.Plan stableOnly() {
        return new Switchover.Plan(Optional.of(new Switchover.Variant(v1, 100, null)), Optional.empty(),
                Optional.empty(), Optional.empty());
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
        InferenceServiceStatus status = derive(serving(pending), new Switchover.Plan(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), Map.of(), false);

        assertThat(ready(status).getStatus().name()).isEqualTo("False");
        assertThat(ready(status).getReason()).isEqualTo("AwaitingApproval");
        assertThat(status.getPhase()).isEqualTo(InferenceServicePhase.Pending);
        assertThat(status.getStable()).isNull();
    }

    @Test
    void duringASwitchTheStableVersionServesAndTheNewOneIsShown() {
        Switchover.Plan plan = new Switchover.Plan(Optional.of(new Switchover.Variant(v1, 100, null)),
                Optional.of(new Switchover.Variant(v2, 0, null)), Optional.empty(), Optional.empty());
        InferenceServiceStatus status = derive(serving(v2), plan, Map.of(
                "churn-1", new RevisionView("churn-v1", Optional.of(deployment(1)), List.of()),
                "churn-2", new RevisionView("churn-v2", Optional.of(deployment(0)), List.of())), true);

        assertThat(ready(status).getStatus().name()).isEqualTo("True");
        assertThat(ready(status).getReason()).isEqualTo("StartingRevision");
        assertThat(status.getPhase()).isEqualTo(InferenceServicePhase.Progressing);
        assertThat(status.getCanary().getVersion()).isEqualTo("2");
        assertThat(status.getCanary().getWeight()).isZero();
    }
}
