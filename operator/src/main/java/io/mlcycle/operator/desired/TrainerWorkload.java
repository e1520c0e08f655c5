package io.mlcycle.operator.desired;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.mlcycle.api.v1alpha1.BuiltinTrainerSpec;
import io.mlcycle.api.v1alpha1.EnvVarSpec;
import io.mlcycle.api.v1alpha1.SchedulingSpec;
import io.mlcycle.api.v1alpha1.TrainerSpec;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobSpec;
import io.mlcycle.operator.config.OperatorSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TrainingJob's workers as Kubernetes objects: one batch/v1 Job (indexed, with a headless Service for stable pod
 * names, when it has more than one worker) whose pods get the trainer contract's environment.
 *
 * <p>Distributed workers get the names torchrun and {@code torch.distributed}'s env:// rendezvous read, so an
 * unchanged script runs: {@code WORLD_SIZE}, {@code RANK} (the pod's completion index), {@code LOCAL_RANK},
 * {@code MASTER_ADDR} (pod 0's DNS name through the headless Service), {@code MASTER_PORT}, and the {@code PET_*}
 * variables torchrun takes its arguments from.
 */
public final class TrainerWorkload {

    public static final String CONTAINER = "trainer";
    public static final int MASTER_PORT = 29500;
    /** Most characters of a Job name whose indexed pods' host names ({@code <job>-<index>}) still fit 63. */
    static final int JOB_NAME_MAX = 56;
    /**
     * Most characters of a JobSet name that its webhook accepts: it checks {@code <jobset>-workers-0-<index>-abcde}
     * (a pod name with its random suffix) against 63, for up to 64 workers.
     */
    static final int JOBSET_NAME_MAX = 44;
    public static final String JOBSET_API_VERSION = "jobset.x-k8s.io/v1alpha2";
    static final String REPLICATED_JOB = "workers";
    private static final String COMPLETION_INDEX = "metadata.annotations['batch.kubernetes.io/job-completion-index']";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainerWorkload() {
    }

    public static String jobName(TrainingJob tj) {
        return LabelValues.shorten(tj.getMetadata().getName(), JOB_NAME_MAX);
    }

    /** The folder this run writes to: {@code <spec.output.uri>/<trainingjob>}. */
    public static String outputUri(TrainingJob tj) {
        String base = tj.getSpec().getOutput().getUri();
        return base.replaceAll("/+$", "") + "/" + tj.getMetadata().getName();
    }

    public static boolean distributed(TrainingJob tj) {
        return workers(tj.getSpec()) > 1;
    }

    public static Map<String, String> podLabels(TrainingJob tj) {
        return Labels.of("trainer", Labels.TRAINING_JOB, tj.getMetadata().getName(), Labels.MODEL, tj.getSpec().getModel());
    }

    public static Job job(TrainingJob tj, OperatorSettings settings) {
        String name = jobName(tj);
        boolean indexed = workers(tj.getSpec()) > 1;
        JobSpec spec = jobSpec(tj, settings, indexed ? name : null, name + "-0." + name);
        spec.setTtlSecondsAfterFinished(tj.getSpec().getTtlSecondsAfterFinished());
        spec.setSuspend(Boolean.TRUE.equals(tj.getSpec().getSuspend()));
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(tj.getMetadata().getNamespace())
                    .withLabels(podLabels(tj)).withOwnerReferences(owner(tj)).endMetadata()
                .withSpec(spec)
                .build();
    }

    public static String jobSetName(TrainingJob tj) {
        return LabelValues.shorten(tj.getMetadata().getName(), JOBSET_NAME_MAX);
    }

    /**
     * The same workers as a jobset.x-k8s.io/v1alpha2 JobSet of one replicated Job: the JobSet controller names the pods
     * {@code <jobset>-workers-0-<index>} and gives them DNS names under a headless Service it makes itself, so
     * {@code MASTER_ADDR} is {@code <jobset>-workers-0-0.<jobset>}. Suspension and the TTL are the JobSet's.
     */
    public static GenericKubernetesResource jobSet(TrainingJob tj, OperatorSettings settings) {
        String name = jobSetName(tj);
        JobSpec workers = jobSpec(tj, settings, null, name + "-" + REPLICATED_JOB + "-0-0." + name);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicatedJobs", List.of(Map.of("name", REPLICATED_JOB, "replicas", 1,
                "template", Map.of("metadata", Map.of("labels", podLabels(tj)),
                        "spec", JSON.convertValue(workers, Map.class)))));
        spec.put("network", Map.of("enableDNSHostnames", true, "subdomain", name));
        spec.put("successPolicy", Map.of("operator", "All"));
        spec.put("suspend", Boolean.TRUE.equals(tj.getSpec().getSuspend()));
        if (tj.getSpec().getTtlSecondsAfterFinished() != null) {
            spec.put("ttlSecondsAfterFinished", tj.getSpec().getTtlSecondsAfterFinished());
        }
        GenericKubernetesResource jobSet = new GenericKubernetesResource();
        jobSet.setApiVersion(JOBSET_API_VERSION);
        jobSet.setKind("JobSet");
        jobSet.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(tj.getMetadata().getNamespace())
                .withLabels(podLabels(tj)).withOwnerReferences(owner(tj)).build());
        jobSet.setAdditionalProperty("spec", spec);
        return jobSet;
    }

    /** The workers' Job spec, shared by the plain Job and the JobSet's replicated Job. */
    private static JobSpec jobSpec(TrainingJob tj, OperatorSettings settings, String subdomain, String masterAddr) {
        TrainingJobSpec spec = tj.getSpec();
        int workers = workers(spec);
        return new JobSpecBuilder()
                .withParallelism(workers).withCompletions(workers)
                .withCompletionMode(workers > 1 ? "Indexed" : "NonIndexed")
                .withBackoffLimit(spec.getBackoffLimit())
                .withActiveDeadlineSeconds(spec.getActiveDeadlineSeconds())
                .withNewTemplate()
                    .withNewMetadata().withLabels(podLabels(tj)).addToLabels(Labels.OWNER_UID, tj.getMetadata().getUid())
                        .addToAnnotations(Labels.OWNER_NAME, tj.getMetadata().getName()).endMetadata()
                    .withSpec(podSpec(tj, settings, subdomain, masterAddr))
                .endTemplate()
                .build();
    }

    /** The headless Service that gives each indexed worker pod a DNS name ({@code <job>-<i>.<service>}). */
    public static Service headlessService(TrainingJob tj) {
        String name = jobName(tj);
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(tj.getMetadata().getNamespace())
                    .withLabels(podLabels(tj)).withOwnerReferences(owner(tj)).endMetadata()
                .withNewSpec().withClusterIP("None").withPublishNotReadyAddresses(true)
                    .withSelector(Map.of(Labels.TRAINING_JOB, LabelValues.fit(tj.getMetadata().getName())))
                    .addNewPort().withName("rendezvous").withPort(MASTER_PORT).endPort()
                .endSpec().build();
    }

    static OwnerReference owner(TrainingJob tj) {
        return new OwnerReferenceBuilder().withApiVersion(tj.getApiVersion()).withKind(tj.getKind())
                .withName(tj.getMetadata().getName()).withUid(tj.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static PodSpec podSpec(TrainingJob tj, OperatorSettings settings, String subdomain, String masterAddr) {
        TrainingJobSpec spec = tj.getSpec();
        SchedulingSpec scheduling = Optional.ofNullable(spec.getScheduling()).orElseGet(SchedulingSpec::new);
        PodSpecBuilder pod = new PodSpecBuilder()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withImagePullSecrets(RestrictedPods.pullSecrets(settings.imagePullSecrets()))
                .withSecurityContext(RestrictedPods.podSecurity())
                .withContainers(container(tj, settings, masterAddr))
                .withVolumes(RestrictedPods.scratchVolumes("2Gi"))
                .withNodeSelector(scheduling.getNodeSelector())
                .withTolerations(PodPlacement.tolerations(spec.getScheduling(), spec.getResources()))
                .withAffinity(scheduling.getAffinity())
                .withPriorityClassName(scheduling.getPriorityClassName())
                .withRuntimeClassName(scheduling.getRuntimeClassName());
        if (subdomain != null) {
            pod.withSubdomain(subdomain);
        }
        return pod.build();
    }

    private static Container container(TrainingJob tj, OperatorSettings settings, String masterAddr) {
        TrainerSpec trainer = tj.getSpec().getTrainer();
        boolean builtin = trainer.getBuiltin() != null;
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(builtin ? settings.trainerImage() : trainer.getImage())
                .withImagePullPolicy(settings.imagePullPolicy())
                .withCommand(builtin ? null : trainer.getCommand())
                .withArgs(builtin ? null : trainer.getArgs())
                .withEnv(env(tj, masterAddr))
                .withEnvFrom(RestrictedPods.s3Keys(settings.s3Secret()))
                .withResources(PodPlacement.resources(tj.getSpec().getResources()))
                .withSecurityContext(RestrictedPods.containerSecurity())
                .withVolumeMounts(RestrictedPods.scratchMounts())
                // The trainer writes its result summary there; when it dies without one, the log tail says why.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
    }

    /** The trainer contract's environment (documented in trainer/README.md), then the user's own variables. */
    static List<EnvVar> env(TrainingJob tj, String master) {
        TrainingJobSpec spec = tj.getSpec();
        List<EnvVar> env = new ArrayList<>();
        env.add(literal("MLCYCLE_TRAINING_JOB", tj.getMetadata().getName()));
        env.add(literal("MLCYCLE_MODEL_NAME", spec.getModel()));
        env.add(literal("MLCYCLE_DATASET_URI", spec.getDataset().getUri()));
        if (spec.getDataset().getSha256() != null) {
            env.add(literal("MLCYCLE_DATASET_SHA256", spec.getDataset().getSha256()));
        }
        env.add(literal("MLCYCLE_DATASET_FORMAT", String.valueOf(spec.getDataset().getFormat())));
        env.add(literal("MLCYCLE_OUTPUT_URI", outputUri(tj)));
        env.add(literal("HOME", "/tmp"));
        Map<String, String> annotations = Optional.ofNullable(tj.getMetadata().getAnnotations()).orElse(Map.of());
        if (annotations.containsKey(ChampionGate.CHAMPION_ARTIFACT)) {
            // A retrain: the trainer scores the version it replaces on the same validation rows (the approval gate).
            env.add(literal("MLCYCLE_CHAMPION_URI", annotations.get(ChampionGate.CHAMPION_ARTIFACT)));
            if (annotations.containsKey(ChampionGate.CHAMPION_SHA256)) {
                env.add(literal("MLCYCLE_CHAMPION_SHA256", annotations.get(ChampionGate.CHAMPION_SHA256)));
            }
        }
        BuiltinTrainerSpec builtin = spec.getTrainer().getBuiltin();
        if (builtin != null) {
            env.add(literal("MLCYCLE_ALGORITHM", String.valueOf(builtin.getAlgorithm())));
            env.add(literal("MLCYCLE_TASK", String.valueOf(builtin.getTask())));
            env.add(literal("MLCYCLE_TARGET", builtin.getTarget()));
            if (builtin.getFeatures() != null && !builtin.getFeatures().isEmpty()) {
                env.add(literal("MLCYCLE_FEATURES", String.join(",", builtin.getFeatures())));
            }
            env.add(literal("MLCYCLE_HYPERPARAMETERS", json(builtin.getHyperparameters())));
        }
        int workers = workers(spec);
        if (workers > 1) {
            env.add(literal("WORLD_SIZE", Integer.toString(workers)));
            env.add(new EnvVarBuilder().withName("RANK").withNewValueFrom().withNewFieldRef()
                    .withFieldPath(COMPLETION_INDEX).endFieldRef().endValueFrom().build());
            env.add(literal("LOCAL_RANK", "0"));
            env.add(literal("LOCAL_WORLD_SIZE", "1"));
            env.add(literal("MASTER_ADDR", master));
            env.add(literal("MASTER_PORT", Integer.toString(MASTER_PORT)));
            env.add(literal("PET_NNODES", Integer.toString(workers)));
            env.add(literal("PET_NPROC_PER_NODE", "1"));
            env.add(new EnvVarBuilder().withName("PET_NODE_RANK").withNewValueFrom().withNewFieldRef()
                    .withFieldPath(COMPLETION_INDEX).endFieldRef().endValueFrom().build());
            env.add(literal("PET_MASTER_ADDR", master));
            env.add(literal("PET_MASTER_PORT", Integer.toString(MASTER_PORT)));
        }
        for (EnvVarSpec user : Optional.ofNullable(spec.getTrainer().getEnv()).orElse(List.of())) {
            env.add(userVariable(user));
        }
        return env;
    }

    private static EnvVar userVariable(EnvVarSpec user) {
        EnvVarBuilder variable = new EnvVarBuilder().withName(user.getName()).withValue(user.getValue());
        if (user.getValueFrom() != null && user.getValueFrom().getSecretKeyRef() != null) {
            var ref = user.getValueFrom().getSecretKeyRef();
            variable.withNewValueFrom().withNewSecretKeyRef().withName(ref.getName()).withKey(ref.getKey())
                    .withOptional(ref.getOptional()).endSecretKeyRef().endValueFrom();
        } else if (user.getValueFrom() != null && user.getValueFrom().getConfigMapKeyRef() != null) {
            var ref = user.getValueFrom().getConfigMapKeyRef();
            variable.withNewValueFrom().withNewConfigMapKeyRef().withName(ref.getName()).withKey(ref.getKey())
                    .withOptional(ref.getOptional()).endConfigMapKeyRef().endValueFrom();
        }
        return variable.build();
    }

    private static int workers(TrainingJobSpec spec) {
        return spec.getWorkers() == null ? 1 : spec.getWorkers();
    }

    private static EnvVar literal(String name, String value) {
        return new EnvVar(name, value, null);
    }

    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values == null ? Map.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
