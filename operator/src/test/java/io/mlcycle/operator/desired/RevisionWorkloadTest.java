package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.operator.Fixtures;
import io.mlcycle.operator.config.OperatorSettings;

class RevisionWorkloadTest {

    private static final OperatorSettings SETTINGS = OperatorSettings.defaults();

    private static RevisionWorkload revision(String spec, String format) {
        InferenceService service = Fixtures.inferenceService(spec);
        return new RevisionWorkload(service, Fixtures.servedVersion("4", "Ready", "Approved", format), SETTINGS);
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().collect(java.util.stream.Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    @Test
    void cpuRevisionServesTheArtifactWithItsDigestUnderPodSecurityRestricted() {
        RevisionWorkload revision = revision("""
                model: {name: churn, track: latest}
                runtime: {batching: {maxBatchSize: 16, maxDelay: 2ms}, threads: 2}
                """, "xgboost");
        Deployment deployment = revision.deployment();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container runtime = container(deployment);

        assertThat(revision.name()).isEqualTo("churn-v4");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(env(runtime)).containsEntry("MLCYCLE_RUNTIME_MODEL_URI", "s3://mlcycle/models/churn-4/model.tar.gz")
                .containsEntry("MLCYCLE_RUNTIME_SHA256", "b".repeat(64))
                .containsEntry("MLCYCLE_RUNTIME_NAME", "churn")
                .containsEntry("MLCYCLE_RUNTIME_VERSION", "4")
                .containsEntry("MLCYCLE_RUNTIME_ENGINE", "xgboost")
                .containsEntry("MLCYCLE_RUNTIME_BATCHING_MAX_BATCH_SIZE", "16")
                .containsEntry("MLCYCLE_RUNTIME_BATCHING_MAX_DELAY", "2ms")
                .containsEntry("MLCYCLE_RUNTIME_WORKERS", "2");
        assertThat(runtime.getArgs()).containsExactly("serve");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .as("what an annotation-driven Prometheus scrapes").containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "8080").containsEntry("prometheus.io/path", "/q/metrics");
        assertThat(runtime.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/ready");
        assertThat(runtime.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/live");
        assertThat(runtime.getStartupProbe().getPeriodSeconds() * runtime.getStartupProbe().getFailureThreshold())
                .as("seconds a model may take to load").isEqualTo(300);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(runtime.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(runtime.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(runtime.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(runtime.getResources().getRequests()).isEqualTo(runtime.getResources().getLimits())
                .containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("1Gi"));
        assertThat(pod.getTolerations()).isEmpty();
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir().getSizeLimit())
                .isEqualTo(new Quantity("262Mi")));
        assertThat(deployment.getMetadata().getLabels()).containsEntry(Labels.INFERENCE_SERVICE, "churn")
                .containsEntry(Labels.MODEL, "churn").containsEntry(Labels.VERSION, "4")
                .containsEntry(Labels.REVISION, "churn-v4");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(Labels.OWNER_UID, "isvc-uid").containsEntry(Labels.REVISION, "churn-v4");
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("isvc-uid"));
        assertThat(revision.service().getSpec().getSelector()).isEqualTo(revision.selector());
        assertThat(revision.service().getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
                .containsExactly("http:8080", "grpc:8081");
        assertThat(revision.disruptionBudget()).isEmpty();
        assertThat(revision.autoscaler()).isEmpty();
    }

    @Test
    void gpuRevisionAsksForTheDeviceAndToleratesItsTaint() {
        Deployment deployment = revision("""
                model: {name: churn, version: "4"}
                resources: {cpu: "2", memory: 4Gi, gpu: {count: 1}}
                scheduling: {nodeSelector: {nvidia.com/gpu.present: "true"}, runtimeClassName: nvidia}
                """, "onnx").deployment();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();

        assertThat(container(deployment).getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"))
                .containsEntry("cpu", new Quantity("2")).containsEntry("memory", new Quantity("4Gi"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
        assertThat(env(container(deployment))).containsEntry("MLCYCLE_RUNTIME_ENGINE", "onnxruntime");
    }

    @Test
    void pytorchGetsRoomForLibtorchAndLongerToLoad() {
        RevisionWorkload revision = revision("", "pytorch");
        Container runtime = container(revision.deployment());

        assertThat(revision.cacheSize()).isEqualTo("1030Mi");
        assertThat(runtime.getStartupProbe().getFailureThreshold()).isEqualTo(900);
        assertThat(env(runtime)).containsEntry("MLCYCLE_RUNTIME_ENGINE", "pytorch");
    }

    @Test
    void anAutoscaledRevisionLeavesReplicasToItsHpa() {
        RevisionWorkload revision = revision("""
                model: {name: churn, track: latest}
                replicas: {min: 2, max: 5, targetConcurrency: 8}
                """, "xgboost");
        HorizontalPodAutoscaler hpa = revision.autoscaler().orElseThrow();

        assertThat(revision.deployment().getSpec().getReplicas()).as("never fights the HPA").isNull();
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("churn-v4");
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType()).containsExactly("Resource", "Pods");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        assertThat(hpa.getSpec().getMetrics().get(1).getPods().getMetric().getName())
                .isEqualTo(RevisionWorkload.CONCURRENCY_METRIC);
        assertThat(hpa.getSpec().getMetrics().get(1).getPods().getTarget().getAverageValue()).isEqualTo(new Quantity("8"));
        assertThat(revision.disruptionBudget()).hasValueSatisfying(pdb ->
                assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1));
    }

    @Test
    void fixedReplicasAboveOneGetADisruptionBudgetAndNoHpa() {
        RevisionWorkload revision = revision("""
                model: {name: churn, track: latest}
                replicas: {min: 3, max: 3}
                """, "xgboost");

        assertThat(revision.deployment().getSpec().getReplicas()).isEqualTo(3);
        assertThat(revision.autoscaler()).isEmpty();
        assertThat(revision.disruptionBudget()).isPresent();
    }
}
