package io.mlcycle.operator.desired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.InferenceServiceSpec;
import io.mlcycle.api.v1alpha1.ModelFormat;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ReplicasSpec;
import io.mlcycle.api.v1alpha1.RuntimeSpec;
import io.mlcycle.api.v1alpha1.SchedulingSpec;
import io.mlcycle.operator.config.OperatorSettings;

/**
 * One revision of an InferenceService: the inference runtime serving one ModelVersion, as a Deployment and a Service,
 * with a PodDisruptionBudget when it runs more than one pod and an HPA when it may scale.
 */
public final class RevisionWorkload {

    public static final String COMPONENT = "predictor";
    public static final String CONTAINER = "runtime";
    public static final int HTTP_PORT = 8080;
    public static final int GRPC_PORT = 8081;
    /** The runtime's in-flight requests per pod, the Pods metric the HPA aims {@code targetConcurrency} at. */
    public static final String CONCURRENCY_METRIC = "mlcycle_inference_in_flight";
    /** The CPU utilization, percent of the request, the HPA aims every serving pod at. */
    public static final int CPU_TARGET_PERCENT = 70;
    /** Scale down after a minute without need, not Kubernetes' five: serving load comes and goes in bursts. */
    static final int SCALE_DOWN_WINDOW_SECONDS = 60;

    private final InferenceService service;
    private final ModelVersion version;
    private final OperatorSettings settings;
    private final String name;

    public RevisionWorkload(InferenceService service, ModelVersion version, OperatorSettings settings) {
        this.service = service;
        this.version = version;
        this.settings = settings;
        this.name = ServingNames.revision(service, version.getSpec().getVersion());
    }

    public String name() {
        return name;
    }

    /** Whether an HPA owns the replica count (then the Deployment never states one). */
    public boolean autoscaled() {
        ReplicasSpec replicas = replicas();
        return replicas.getMax() != null && replicas.getMax() > min();
    }

    public int min() {
        return Optional.ofNullable(replicas().getMin()).orElse(1);
    }

    public Map<String, String> labels() {
        return Labels.of(COMPONENT, Labels.INFERENCE_SERVICE, service.getMetadata().getName(),
                Labels.MODEL, version.getSpec().getModel(), Labels.VERSION, version.getSpec().getVersion(),
                Labels.MODEL_VERSION, version.getMetadata().getName(), Labels.REVISION, name);
    }

    /** What the Deployment and Service select on: fixed for the revision's life (a selector cannot change). */
    public Map<String, String> selector() {
        return Map.of(Labels.INFERENCE_SERVICE, LabelValues.fit(service.getMetadata().getName()), Labels.REVISION, name);
    }

    public Deployment deployment() {
        Map<String, String> podLabels = new LinkedHashMap<>(labels());
        podLabels.put(Labels.OWNER_UID, service.getMetadata().getUid());
        SchedulingSpec scheduling = Optional.ofNullable(spec().getScheduling()).orElseGet(SchedulingSpec::new);
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace()).withLabels(labels())
                    .withOwnerReferences(owner(service)).endMetadata()
                .withNewSpec()
                    .withReplicas(autoscaled() ? null : min())
                    .withNewSelector().withMatchLabels(selector()).endSelector()
                    .withRevisionHistoryLimit(2)
                    // A changed pod template (new resources, batching) never takes serving capacity away.
                    .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                        .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate()
                    .endStrategy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(podLabels)
                            .addToAnnotations(Labels.OWNER_NAME, service.getMetadata().getName())
                            .addToAnnotations(MetricsScrape.annotations()).endMetadata()
                        .withNewSpec()
                            .withAutomountServiceAccountToken(false)
                            .withEnableServiceLinks(false)
                            .withImagePullSecrets(RestrictedPods.pullSecrets(settings.imagePullSecrets()))
                            .withSecurityContext(RestrictedPods.podSecurity())
                            .withContainers(container())
                            .withVolumes(RestrictedPods.scratchVolumes(cacheSize()))
                            .withNodeSelector(scheduling.getNodeSelector())
                            .withTolerations(PodPlacement.tolerations(scheduling, spec().getResources()))
                            .withAffinity(scheduling.getAffinity())
                            .withPriorityClassName(scheduling.getPriorityClassName())
                            .withRuntimeClassName(scheduling.getRuntimeClassName())
                        .endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    private Container container() {
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(settings.runtimeImage())
                .withImagePullPolicy(settings.imagePullPolicy())
                .withArgs("serve")
                .withEnv(env())
                .withEnvFrom(RestrictedPods.s3Keys(settings.s3Secret()))
                .addNewPort().withName("http").withContainerPort(HTTP_PORT).withProtocol("TCP").endPort()
                .addNewPort().withName("grpc").withContainerPort(GRPC_PORT).withProtocol("TCP").endPort()
                .withStartupProbe(startupProbe())
                .withReadinessProbe(httpProbe("/v2/health/ready", 2, 2))
                .withLivenessProbe(httpProbe("/v2/health/live", 10, 3))
                .withResources(PodPlacement.resources(spec().getResources(), settings.servingResources().amounts()))
                .withSecurityContext(RestrictedPods.containerSecurity())
                .withVolumeMounts(RestrictedPods.scratchMounts())
                // The runtime writes why a model did not load (digest mismatch, load error) there before it exits.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
    }

    /** The runtime's settings (inference-runtime/README.md): the artifact and its digest, engine, batching, threads. */
    List<EnvVar> env() {
        RuntimeSpec runtime = Optional.ofNullable(spec().getRuntime()).orElseGet(RuntimeSpec::new);
        List<EnvVar> env = new ArrayList<>();
        env.add(literal("MLCYCLE_RUNTIME_MODEL_URI", version.getSpec().getArtifact().getUri()));
        env.add(literal("MLCYCLE_RUNTIME_SHA256", version.getSpec().getArtifact().getSha256()));
        // Clients address the model as the InferenceService, as in KServe: /v2/models/<inferenceservice>/infer.
        env.add(literal("MLCYCLE_RUNTIME_NAME", service.getMetadata().getName()));
        env.add(literal("MLCYCLE_RUNTIME_VERSION", version.getSpec().getVersion()));
        env.add(literal("MLCYCLE_RUNTIME_ENGINE", engine(runtime)));
        env.add(literal("MLCYCLE_RUNTIME_CACHE_DIR", RestrictedPods.CACHE_PATH));
        if (runtime.getBatching() != null) {
            Optional.ofNullable(runtime.getBatching().getMaxBatchSize()).ifPresent(size ->
                    env.add(literal("MLCYCLE_RUNTIME_BATCHING_MAX_BATCH_SIZE", Integer.toString(size))));
            Optional.ofNullable(runtime.getBatching().getMaxDelay()).ifPresent(delay ->
                    env.add(literal("MLCYCLE_RUNTIME_BATCHING_MAX_DELAY", delay)));
        }
        Optional.ofNullable(runtime.getThreads()).ifPresent(threads ->
                env.add(literal("MLCYCLE_RUNTIME_WORKERS", Integer.toString(threads))));
        env.add(literal("HOME", "/tmp"));
        return env;
    }

    /** The engine asked for, else the one for the ModelVersion's format. */
    private String engine(RuntimeSpec runtime) {
        if (runtime.getEngine() != null && runtime.getEngine() != io.mlcycle.api.v1alpha1.Engine.auto) {
            return runtime.getEngine().name();
        }
        return switch (version.getSpec().getFormat()) {
            case onnx -> "onnxruntime";
            case pytorch -> "pytorch";
            case xgboost -> "xgboost";
        };
    }

    /**
     * The model cache: the artifact twice (archive and unpacked) plus what the engine unpacks there — PyTorch's libtorch
     * takes ~430 MB (inference-runtime/README.md), the other engines little.
     */
    String cacheSize() {
        long engine = version.getSpec().getFormat() == ModelFormat.pytorch ? 1024 : 256;
        long artifact = Optional.ofNullable(version.getStatus()).map(s -> s.getValidatedSize()).orElse(0L);
        long mebibytes = engine + (2 * artifact + (1 << 20) - 1) / (1 << 20);
        return mebibytes + "Mi";
    }

    /**
     * Loading a model takes from a second (XGBoost, ONNX) to minutes (a large PyTorch model, libtorch unpacked first);
     * the startup probe allows that once, checking every second so the pod is Ready as soon as the model is.
     */
    private Probe startupProbe() {
        int seconds = version.getSpec().getFormat() == ModelFormat.pytorch ? 900 : 300;
        return new ProbeBuilder().withNewHttpGet().withPath("/v2/health/ready").withPort(new IntOrString("http"))
                .endHttpGet().withPeriodSeconds(1).withFailureThreshold(seconds).withTimeoutSeconds(1).build();
    }

    private static Probe httpProbe(String path, int period, int failures) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(period).withFailureThreshold(failures).withTimeoutSeconds(2).build();
    }

    public Service service() {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace()).withLabels(labels())
                    .withOwnerReferences(owner(service)).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(selector())
                    .addNewPort().withName("http").withPort(HTTP_PORT).withTargetPort(new IntOrString("http"))
                        .withProtocol("TCP").withAppProtocol("http").endPort()
                    .addNewPort().withName("grpc").withPort(GRPC_PORT).withTargetPort(new IntOrString("grpc"))
                        .withProtocol("TCP").withAppProtocol("kubernetes.io/h2c").endPort()
                .endSpec().build();
    }

    /** With more than one pod, a node drain takes at most one at a time. */
    public Optional<PodDisruptionBudget> disruptionBudget() {
        if (min() <= 1 && !autoscaled()) {
            return Optional.empty();
        }
        return Optional.of(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace()).withLabels(labels())
                    .withOwnerReferences(owner(service)).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector().withMatchLabels(selector())
                    .endSelector().endSpec().build());
    }

    /** CPU, and the concurrency metric when targetConcurrency is set (it needs a custom-metrics adapter to act). */
    public Optional<HorizontalPodAutoscaler> autoscaler() {
        if (!autoscaled()) {
            return Optional.empty();
        }
        List<MetricSpec> metrics = new ArrayList<>();
        metrics.add(new MetricSpecBuilder().withType("Resource").withNewResource().withName("cpu").withNewTarget()
                .withType("Utilization").withAverageUtilization(CPU_TARGET_PERCENT).endTarget().endResource().build());
        Optional.ofNullable(replicas().getTargetConcurrency()).ifPresent(target -> metrics.add(new MetricSpecBuilder()
                .withType("Pods").withNewPods().withNewMetric().withName(CONCURRENCY_METRIC).endMetric()
                .withNewTarget().withType("AverageValue").withAverageValue(new Quantity(Integer.toString(target)))
                .endTarget().endPods().build()));
        return Optional.of(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace()).withLabels(labels())
                    .withOwnerReferences(owner(service)).endMetadata()
                .withNewSpec()
                    .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                    .endScaleTargetRef()
                    .withMinReplicas(min()).withMaxReplicas(replicas().getMax())
                    .withMetrics(metrics)
                    .withNewBehavior().withNewScaleDown().withStabilizationWindowSeconds(SCALE_DOWN_WINDOW_SECONDS)
                        .endScaleDown().endBehavior()
                .endSpec().build());
    }

    static OwnerReference owner(InferenceService service) {
        return new OwnerReferenceBuilder().withApiVersion(service.getApiVersion()).withKind(service.getKind())
                .withName(service.getMetadata().getName()).withUid(service.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private ReplicasSpec replicas() {
        return Optional.ofNullable(spec().getReplicas()).orElseGet(ReplicasSpec::new);
    }

    private InferenceServiceSpec spec() {
        return service.getSpec();
    }

    private String namespace() {
        return service.getMetadata().getNamespace();
    }

    private static EnvVar literal(String name, String value) {
        return new EnvVar(name, value, null);
    }
}
