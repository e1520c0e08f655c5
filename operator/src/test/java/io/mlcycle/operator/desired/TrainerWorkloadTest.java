package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.operator.Fixtures;
import io.mlcycle.operator.config.OperatorSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrainerWorkloadTest {

    private final OperatorSettings settings = OperatorSettings.defaults();

    @Test
    void aBuiltinTrainingIsOneHardenedJobOwnedByTheTrainingJobWithTheTrainerContractsEnv() {
        TrainingJob tj = Fixtures.trainingJob("""
                backoffLimit: 1
                activeDeadlineSeconds: 600
                ttlSecondsAfterFinished: 3600
                resources: {cpu: "1", memory: 1Gi}
                """);
        Job job = TrainerWorkload.job(tj, settings);

        assertThat(job.getMetadata().getName()).isEqualTo("churn-train");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("ml");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("TrainingJob");
            assertThat(owner.getUid()).isEqualTo("6f1c-uid");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(job.getMetadata().getLabels()).containsEntry("mlcycle.io/training-job", "churn-train")
                .containsEntry("mlcycle.io/model", "churn").containsEntry("app.kubernetes.io/component", "trainer");
        assertThat(job.getSpec().getCompletions()).isEqualTo(1);
        assertThat(job.getSpec().getParallelism()).isEqualTo(1);
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("NonIndexed");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
        assertThat(job.getSpec().getSuspend()).isFalse();

        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("mlcycle.io/owner-uid", "6f1c-uid");
        assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("mlcycle.io/owner", "churn-train");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getAutomountServiceAccountToken()).as("the trainer gets no API credentials").isFalse();
        assertThat(pod.getSubdomain()).isNull();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getTolerations()).isEmpty();
        Container trainer = pod.getContainers().get(0);
        assertThat(trainer.getImage()).isEqualTo(settings.trainerImage());
        assertThat(trainer.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(trainer.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(trainer.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(trainer.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(trainer.getEnvFrom()).singleElement().satisfies(from -> {
            assertThat(from.getSecretRef().getName()).isEqualTo("mlcycle-s3");
            assertThat(from.getSecretRef().getOptional()).isTrue();
        });
        assertThat(trainer.getResources().getLimits()).containsEntry("cpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("1Gi"));
        assertThat(trainer.getResources().getRequests()).isEqualTo(trainer.getResources().getLimits());
        assertThat(values(trainer.getEnv()))
                .containsEntry("MLCYCLE_TRAINING_JOB", "churn-train")
                .containsEntry("MLCYCLE_MODEL_NAME", "churn")
                .containsEntry("MLCYCLE_DATASET_URI", "s3://mlcycle/data/churn.csv")
                .containsEntry("MLCYCLE_DATASET_FORMAT", "csv")
                .containsEntry("MLCYCLE_OUTPUT_URI", "s3://mlcycle/models/churn-train")
                .containsEntry("MLCYCLE_ALGORITHM", "xgboost")
                .containsEntry("MLCYCLE_TASK", "classification")
                .containsEntry("MLCYCLE_TARGET", "churned")
                .containsEntry("MLCYCLE_HYPERPARAMETERS", "{\"max_depth\":\"4\"}")
                .doesNotContainKeys("MLCYCLE_DATASET_SHA256", "MLCYCLE_FEATURES", "WORLD_SIZE", "RANK");
    }

    @Test
    void severalWorkersAreAnIndexedJobBehindAHeadlessServiceWithTorchrunsEnv() {
        TrainingJob tj = Fixtures.customTrainingJob(3, "");
        Job job = TrainerWorkload.job(tj, settings);
        Service service = TrainerWorkload.headlessService(tj);

        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(3);
        assertThat(job.getSpec().getParallelism()).isEqualTo(3);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getSubdomain()).isEqualTo("ddp").isEqualTo(service.getMetadata().getName());
        assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(service.getSpec().getSelector()).containsEntry("mlcycle.io/training-job", "ddp");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());

        Container trainer = pod.getContainers().get(0);
        assertThat(trainer.getImage()).isEqualTo("example.org/ddp:1");
        assertThat(trainer.getCommand()).containsExactly("python3", "/opt/train.py");
        assertThat(trainer.getArgs()).containsExactly("--epochs", "2");
        Map<String, String> env = values(trainer.getEnv());
        assertThat(env).containsEntry("WORLD_SIZE", "3").containsEntry("LOCAL_RANK", "0")
                .containsEntry("MASTER_ADDR", "ddp-0.ddp").containsEntry("MASTER_PORT", "29500")
                .containsEntry("PET_NNODES", "3").containsEntry("PET_NPROC_PER_NODE", "1")
                .containsEntry("PET_MASTER_ADDR", "ddp-0.ddp").containsEntry("PET_MASTER_PORT", "29500")
                .containsEntry("LOG_LEVEL", "debug").doesNotContainKey("MLCYCLE_ALGORITHM");
        for (String rank : List.of("RANK", "PET_NODE_RANK")) {
            assertThat(variable(trainer, rank).getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        }
        assertThat(variable(trainer, "TOKEN").getValueFrom().getSecretKeyRef().getName()).isEqualTo("hub");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aJobSetRunsTheSameWorkersAsOneReplicatedJobWithTheJobSetsPodNames() {
        TrainingJob tj = Fixtures.customTrainingJob(3, "runtime: JobSet\nsuspend: true\nttlSecondsAfterFinished: 60");
        var jobSet = TrainerWorkload.jobSet(tj, settings);

        assertThat(jobSet.getApiVersion()).isEqualTo("jobset.x-k8s.io/v1alpha2");
        assertThat(jobSet.getKind()).isEqualTo("JobSet");
        assertThat(jobSet.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("77-uid"));
        Map<String, Object> spec = (Map<String, Object>) jobSet.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("suspend", true).containsEntry("ttlSecondsAfterFinished", 60)
                .containsEntry("network", Map.of("enableDNSHostnames", true, "subdomain", "ddp"));
        Map<String, Object> workers = ((List<Map<String, Object>>) spec.get("replicatedJobs")).get(0);
        assertThat(workers).containsEntry("name", "workers").containsEntry("replicas", 1);
        Map<String, Object> template = (Map<String, Object>) workers.get("template");
        Map<String, Object> jobSpec = (Map<String, Object>) template.get("spec");
        assertThat(jobSpec).containsEntry("completions", 3).containsEntry("parallelism", 3)
                .containsEntry("completionMode", "Indexed").doesNotContainKey("suspend");
        String json = jobSpec.toString();
        assertThat(json).contains("MASTER_ADDR, value=ddp-workers-0-0.ddp").contains("WORLD_SIZE, value=3")
                .contains("job-completion-index").doesNotContain("subdomain");
    }

    @Test
    void gpusAreLimitsOfTheExtendedResourceAndGetTheStandardTolerationUnlessTolerationsAreGiven() {
        Job job = TrainerWorkload.job(Fixtures.trainingJob("resources: {gpu: {count: 2}}"), settings);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });

        Job amd = TrainerWorkload.job(Fixtures.trainingJob("""
                resources: {gpu: {count: 1, resourceName: amd.com/gpu}}
                scheduling:
                  nodeSelector: {pool: gpu}
                  tolerations: [{key: dedicated, operator: Equal, value: ml, effect: NoExecute, tolerationSeconds: 60}]
                  priorityClassName: training
                  runtimeClassName: nvidia
                  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: [a]}]}]}}}
                """), settings);
        PodSpec scheduled = amd.getSpec().getTemplate().getSpec();
        assertThat(scheduled.getContainers().get(0).getResources().getLimits()).containsEntry("amd.com/gpu", new Quantity("1"));
        assertThat(scheduled.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getValue()).isEqualTo("ml");
            assertThat(t.getEffect()).isEqualTo("NoExecute");
            assertThat(t.getTolerationSeconds()).isEqualTo(60L);
        });
        assertThat(scheduled.getNodeSelector()).containsEntry("pool", "gpu");
        assertThat(scheduled.getPriorityClassName()).isEqualTo("training");
        assertThat(scheduled.getRuntimeClassName()).isEqualTo("nvidia");
        assertThat(scheduled.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()).hasSize(1);
    }

    @Test
    void aSuspendedTrainingJobIsASuspendedJobAndTheDatasetDigestAndFeaturesArePassedOn() {
        TrainingJob tj = Fixtures.trainingJob("suspend: true");
        tj.getSpec().getDataset().setSha256("b".repeat(64));
        tj.getSpec().getTrainer().getBuiltin().setFeatures(List.of("tenure", "plan"));
        Job job = TrainerWorkload.job(tj, settings);
        assertThat(job.getSpec().getSuspend()).isTrue();
        assertThat(values(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()))
                .containsEntry("MLCYCLE_DATASET_SHA256", "b".repeat(64)).containsEntry("MLCYCLE_FEATURES", "tenure,plan");
    }

    @Test
    void aLongNameIsCutSoThatIndexedPodHostNamesFit() {
        TrainingJob tj = Fixtures.trainingJob("");
        tj.getMetadata().setName("a-very-long-training-job-name-that-goes-on-and-on-and-on-for-ever");
        String name = TrainerWorkload.jobName(tj);
        assertThat(name).hasSizeLessThanOrEqualTo(56).startsWith("a-very-long-training-job-name");
        assertThat((name + "-63").length()).isLessThanOrEqualTo(63);
        assertThat(TrainerWorkload.outputUri(tj)).endsWith("/models/" + tj.getMetadata().getName());
    }

    private static Map<String, String> values(List<EnvVar> env) {
        return env.stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static EnvVar variable(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }
}
