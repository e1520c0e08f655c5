package io.mlcycle.operator.desired;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.operator.config.OperatorSettings;

/**
 * The traffic layer of provider {@code router}: the router Deployment behind the Service clients call, the ConfigMap of
 * weights it watches, and the ServiceAccount and Role that let it read exactly that ConfigMap and the namespace's
 * EndpointSlices (it balances over the revisions' ready pods itself, so no mesh is needed).
 */
public final class RouterWorkload {

    public static final String COMPONENT = "router";
    public static final String CONTAINER = "router";
    /** The endpoint Service's ports: REST on 80 as KServe's, gRPC on the runtime's 8081. */
    public static final int SERVICE_HTTP_PORT = 80;
    public static final int SERVICE_GRPC_PORT = 8081;

    private final InferenceService service;
    private final OperatorSettings settings;

    public RouterWorkload(InferenceService service, OperatorSettings settings) {
        this.service = service;
        this.settings = settings;
    }

    public Map<String, String> labels() {
        return Labels.of(COMPONENT, Labels.INFERENCE_SERVICE, service.getMetadata().getName(),
                Labels.MODEL, service.getSpec().getModel().getName());
    }

    private Map<String, String> selector() {
        return Map.of(Labels.INFERENCE_SERVICE, LabelValues.fit(service.getMetadata().getName()),
                Labels.COMPONENT, COMPONENT);
    }

    private ObjectMeta metadata(String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(service.getMetadata().getNamespace())
                .withLabels(labels()).withOwnerReferences(RevisionWorkload.owner(service)).build();
    }

    public ConfigMap traffic(TrafficTable table) {
        return new ConfigMapBuilder().withMetadata(metadata(ServingNames.traffic(service)))
                .withData(Map.of(TrafficTable.KEY, table.toJson())).build();
    }

    public ServiceAccount serviceAccount() {
        return new ServiceAccountBuilder().withMetadata(metadata(ServingNames.router(service))).build();
    }

    public Role role() {
        return new RoleBuilder().withMetadata(metadata(ServingNames.router(service)))
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                                .withResourceNames(ServingNames.traffic(service)).withVerbs("get", "list", "watch").build(),
                        new PolicyRuleBuilder().withApiGroups("discovery.k8s.io").withResources("endpointslices")
                                .withVerbs("list", "watch").build())
                .build();
    }

    public RoleBinding roleBinding() {
        String name = ServingNames.router(service);
        return new RoleBindingBuilder().withMetadata(metadata(name))
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(name).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(name)
                    .withNamespace(service.getMetadata().getNamespace()).endSubject()
                .build();
    }

    public Deployment deployment() {
        String name = ServingNames.router(service);
        // CPU is shared by requests under contention: the router relays every request of the revisions behind it.
        Map<String, Quantity> amounts = settings.routerResources().amounts();
        return new DeploymentBuilder().withMetadata(metadata(name))
                .withNewSpec().withReplicas(1)
                    .withNewSelector().withMatchLabels(selector()).endSelector()
                    .withRevisionHistoryLimit(2)
                    .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                        .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate()
                    .endStrategy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels())
                            .addToLabels(Labels.OWNER_UID, service.getMetadata().getUid())
                            .addToAnnotations(Labels.OWNER_NAME, service.getMetadata().getName())
                            .addToAnnotations(MetricsScrape.annotations()).endMetadata()
                        .withNewSpec()
                            .withServiceAccountName(name)
                            .withEnableServiceLinks(false)
                            .withImagePullSecrets(RestrictedPods.pullSecrets(settings.imagePullSecrets()))
                            .withSecurityContext(RestrictedPods.podSecurity())
                            .addNewContainer().withName(CONTAINER).withImage(settings.routerImage())
                                .withImagePullPolicy(settings.imagePullPolicy())
                                .addNewEnv().withName("MLCYCLE_ROUTER_NAMESPACE").withNewValueFrom().withNewFieldRef()
                                    .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
                                .addNewEnv().withName("MLCYCLE_ROUTER_CONFIG_MAP").withValue(ServingNames.traffic(service))
                                    .endEnv()
                                .addNewPort().withName("http").withContainerPort(RevisionWorkload.HTTP_PORT)
                                    .withProtocol("TCP").endPort()
                                .addNewPort().withName("grpc").withContainerPort(RevisionWorkload.GRPC_PORT)
                                    .withProtocol("TCP").endPort()
                                .withReadinessProbe(probe("/q/health/ready", 1))
                                .withLivenessProbe(probe("/q/health/live", 10))
                                .withNewResources().withRequests(amounts).withLimits(Map.of("memory", amounts.get("memory")))
                                .endResources()
                                .withSecurityContext(RestrictedPods.containerSecurity())
                                .withVolumeMounts(RestrictedPods.scratchMounts().get(0))
                            .endContainer()
                            .withVolumes(RestrictedPods.scratchVolumes("64Mi").get(0))
                        .endSpec()
                    .endTemplate()
                .endSpec().build();
    }

    /** The address clients call: REST on port 80, gRPC on 8081, in front of whichever revisions serve. */
    public Service endpoint() {
        return new ServiceBuilder().withMetadata(metadata(ServingNames.endpoint(service)))
                .withNewSpec().withType("ClusterIP").withSelector(selector())
                    .addNewPort().withName("http").withPort(SERVICE_HTTP_PORT).withTargetPort(new IntOrString("http"))
                        .withProtocol("TCP").withAppProtocol("http").endPort()
                    .addNewPort().withName("grpc").withPort(SERVICE_GRPC_PORT).withTargetPort(new IntOrString("grpc"))
                        .withProtocol("TCP").withAppProtocol("kubernetes.io/h2c").endPort()
                .endSpec().build();
    }

    /** status.url: the REST base URL inside the cluster. */
    public String url() {
        return "http://" + host();
    }

    /** status.grpcUrl: host and port for a gRPC client. */
    public String grpcUrl() {
        return host() + ":" + SERVICE_GRPC_PORT;
    }

    private String host() {
        return ServingNames.endpoint(service) + "." + service.getMetadata().getNamespace() + ".svc."
                + settings.clusterDomain();
    }

    private static Probe probe(String path, int period) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(period).withFailureThreshold(3).withTimeoutSeconds(2).build();
    }
}
