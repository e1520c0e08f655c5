package io.mlcycle.operator.reconciler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.TrafficProvider;
import io.mlcycle.operator.config.OperatorConfig;
import io.mlcycle.operator.config.OperatorSettings;
import io.mlcycle.operator.desired.GatewayRoute;
import io.mlcycle.operator.desired.Labels;
import io.mlcycle.operator.desired.RevisionWorkload;
import io.mlcycle.operator.desired.RouterWorkload;
import io.mlcycle.operator.desired.TrafficTable;
import io.mlcycle.operator.resolve.ModelChoice;
import io.mlcycle.operator.rollout.Switchover;
import io.mlcycle.operator.status.ConditionSet;
import io.mlcycle.operator.status.InferenceServiceStatusDerivation;
import io.mlcycle.operator.status.RevisionView;
import io.mlcycle.operator.status.TrafficState;

/**
 * InferenceService: resolve the ModelVersion to serve, plan the switch from the stable one, apply one Deployment and
 * Service per served revision (with PodDisruptionBudget and HPA as the replicas ask) and the router in front of them,
 * remove revisions no longer served, and write status from what the children report.
 */
@ControllerConfiguration(name = "inferenceservice")
public class InferenceServiceReconciler implements Reconciler<InferenceService> {

    static final String MODEL_INDEX = "mlcycle-model";
    private static final Duration ROUTE_POLL = Duration.ofSeconds(3);
    private static final Duration DISCOVERY_POLL = Duration.ofSeconds(60);
    private static final String CHILD_SELECTOR = Labels.INFERENCE_SERVICE;

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final OperatorConfig config;
    private final TransitionEvents events;
    private final ReconcileMetrics metrics;
    private final GatewayRoutes routes;
    private InformerEventSource<ModelVersion, InferenceService> versions;

    public InferenceServiceReconciler(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        this.client = client;
        this.config = config;
        this.settings = config.settings();
        this.events = new TransitionEvents(client);
        this.metrics = new ReconcileMetrics(registry, "InferenceService");
        this.routes = new GatewayRoutes(client);
    }

    @Override
    public List<EventSource<?, InferenceService>> prepareEventSources(EventSourceContext<InferenceService> context) {
        context.getPrimaryCache().addIndexer(MODEL_INDEX, service -> List.of(modelKey(
                service.getMetadata().getNamespace(), service.getSpec().getModel().getName())));
        versions = new InformerEventSource<>(InformerEventSourceConfiguration.from(ModelVersion.class,
                        InferenceService.class).withName("served-versions")
                .withSecondaryToPrimaryMapper(version -> version.getSpec() == null ? Set.of()
                        : context.getPrimaryCache().byIndex(MODEL_INDEX, modelKey(version.getMetadata().getNamespace(),
                                version.getSpec().getModel())).stream().map(ResourceID::fromResource)
                                .collect(Collectors.toSet()))
                .build(), context);
        List<EventSource<?, InferenceService>> sources = new ArrayList<>();
        sources.add(versions);
        for (Class<? extends HasMetadata> kind : List.of(Deployment.class, Service.class, ConfigMap.class,
                PodDisruptionBudget.class, HorizontalPodAutoscaler.class, ServiceAccount.class, Role.class,
                RoleBinding.class)) {
            sources.add(owned(context, kind));
        }
        sources.add(new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, InferenceService.class)
                .withName("serving-pods").withLabelSelector(CHILD_SELECTOR)
                .withSecondaryToPrimaryMapper(OwnedChildren::owner).build(), context));
        return sources;
    }

    private static <R extends HasMetadata> InformerEventSource<R, InferenceService> owned(
            EventSourceContext<InferenceService> context, Class<R> kind) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(kind, InferenceService.class)
                .withName("serving-" + kind.getSimpleName().toLowerCase()).withLabelSelector(CHILD_SELECTOR).build(),
                context);
    }

    private static String modelKey(String namespace, String model) {
        return namespace + "/" + model;
    }

    @Override
    public UpdateControl<InferenceService> reconcile(InferenceService service, Context<InferenceService> context) {
        return metrics.time(() -> reconcileTimed(service, context), UpdateControl::isPatchStatus);
    }

    private UpdateControl<InferenceService> reconcileTimed(InferenceService service, Context<InferenceService> context) {
        InferenceServiceStatus previous = service.getStatus();
        String namespace = service.getMetadata().getNamespace();
        String model = service.getSpec().getModel().getName();
        // Every version of the namespace by name: the stable one may be of a model the spec no longer names, and it
        // keeps serving until the new one is Ready.
        Map<String, ModelVersion> byName = versions.list(namespace, v -> v.getSpec() != null)
                .collect(Collectors.toMap(v -> v.getMetadata().getName(), Function.identity()));
        List<ModelVersion> ofModel = byName.values().stream().filter(v -> model.equals(v.getSpec().getModel()))
                .toList();
        ModelChoice.Result choice = ModelChoice.choose(service, ofModel);
        boolean viaGateway = service.getSpec().getTraffic() != null
                && service.getSpec().getTraffic().getProvider() == TrafficProvider.gatewayApi;
        if (viaGateway && !routes.served()) {
            // No event says when the CRDs arrive: look again now and then.
            return stalled(service, "GatewayApiNotInstalled", GatewayRoutes.MISSING).rescheduleAfter(DISCOVERY_POLL);
        }
        List<Deployment> deployments = owned(service, context, Deployment.class);
        List<Pod> pods = OwnedChildren.of(service, context.getSecondaryResources(Pod.class));
        Map<String, RevisionView> views = new LinkedHashMap<>();
        Map<String, Integer> ready = new LinkedHashMap<>();
        for (ModelVersion version : byName.values()) {
            RevisionWorkload revision = new RevisionWorkload(service, version, settings);
            RevisionView view = view(revision, deployments, pods);
            views.put(version.getMetadata().getName(), view);
            ready.put(version.getMetadata().getName(), view.readyReplicas());
        }
        int required = choice.version().map(v -> new RevisionWorkload(service, v, settings).min()).orElse(1);
        Instant now = Instant.now();
        Switchover.Plan plan = Switchover.plan(new Switchover.Inputs(previous, choice.version(), byName, ready, required,
                now, config.drainDelay()));
        ChildApplier applier = new ChildApplier(client);
        TrafficState traffic;
        String url;
        String grpcUrl;
        try {
            applyChildren(service, context, plan, applier, viaGateway);
            if (viaGateway) {
                Optional<GenericKubernetesResource> gateway = routes.gateway(service);
                traffic = routes.state(service, gateway, routes.route(service));
                url = GatewayRoutes.url(service, gateway);
                grpcUrl = null; // gRPC through the Gateway (a GRPCRoute) is not made yet: the revisions' Services serve it
            } else {
                RouterWorkload router = new RouterWorkload(service, settings);
                traffic = TrafficState.router(deployments.stream()
                        .filter(d -> d.getMetadata().getName().equals(router.deployment().getMetadata().getName()))
                        .anyMatch(d -> d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                                && d.getStatus().getReadyReplicas() > 0));
                url = router.url();
                grpcUrl = router.grpcUrl();
            }
        } catch (ChildApplier.NameTaken e) {
            return stalled(service, "NameTaken", e.getMessage());
        } finally {
            metrics.childWrites(applier.writes());
        }
        InferenceServiceStatus status = InferenceServiceStatusDerivation.derive(service,
                new InferenceServiceStatusDerivation.Observation(choice, plan, views, traffic, url, grpcUrl, now),
                RevisionWorkload.CONTAINER);
        UpdateControl<InferenceService> control;
        if (StatusWrites.changed(client, previous, status)) {
            events.record(service, previous, status);
            plan.step().ifPresent(step -> events.emit(service, "Normal", "TrafficChanged", step));
            service.setStatus(status);
            control = UpdateControl.patchStatus(service);
        } else {
            control = UpdateControl.noUpdate();
        }
        Optional<Duration> again = plan.requeueAfter();
        if (viaGateway && !traffic.ready()) {
            // No informer on routes (the CRDs may be absent at start): look at the Gateway's verdict again shortly.
            again = Optional.of(again.filter(d -> d.compareTo(ROUTE_POLL) < 0).orElse(ROUTE_POLL));
        }
        return again.map(control::rescheduleAfter).orElse(control);
    }

    private static RevisionView view(RevisionWorkload revision, List<Deployment> deployments, List<Pod> pods) {
        Optional<Deployment> deployment = deployments.stream()
                .filter(d -> d.getMetadata().getName().equals(revision.name())).findFirst();
        List<Pod> own = pods.stream().filter(p -> p.getMetadata().getLabels() != null
                && revision.name().equals(p.getMetadata().getLabels().get(Labels.REVISION))).toList();
        return new RevisionView(revision.name(), deployment, own);
    }

    /** The revisions of the plan and the router in front of them; revisions no longer served are removed. */
    private void applyChildren(InferenceService service, Context<InferenceService> context, Switchover.Plan plan,
            ChildApplier applier, boolean viaGateway) {
        List<HasMetadata> desired = new ArrayList<>();
        List<TrafficTable.Route> weights = new ArrayList<>();
        for (Switchover.Variant variant : variants(plan)) {
            RevisionWorkload revision = new RevisionWorkload(service, variant.version(), settings);
            desired.add(revision.deployment());
            desired.add(revision.service());
            revision.disruptionBudget().ifPresent(desired::add);
            revision.autoscaler().ifPresent(desired::add);
            weights.add(new TrafficTable.Route(revision.name(), revision.name(), variant.weight()));
        }
        TrafficTable table = new TrafficTable(weights, null);
        if (!viaGateway) {
            RouterWorkload router = new RouterWorkload(service, settings);
            desired.add(router.serviceAccount());
            desired.add(router.role());
            desired.add(router.roleBinding());
            desired.add(router.traffic(table));
            desired.add(router.deployment());
            desired.add(router.endpoint());
        }
        Set<String> wanted = new HashSet<>();
        for (HasMetadata child : desired) {
            wanted.add(child.getKind() + "/" + child.getMetadata().getName());
            applier.apply(service, child, cached(context, child));
        }
        if (viaGateway) {
            applier.apply(service, GatewayRoute.httpRoute(service, table), routes.route(service));
        } else {
            routes.removeOwned(service, applier);
        }
        // What no longer serves goes: old revisions, and the router's objects after a move to the Gateway.
        for (Class<? extends HasMetadata> kind : List.of(Deployment.class, Service.class, PodDisruptionBudget.class,
                HorizontalPodAutoscaler.class, ConfigMap.class, ServiceAccount.class, Role.class, RoleBinding.class)) {
            for (HasMetadata live : owned(service, context, kind)) {
                if (!wanted.contains(live.getKind() + "/" + live.getMetadata().getName())
                        && live.getMetadata().getDeletionTimestamp() == null) {
                    applier.delete(live);
                }
            }
        }
    }

    private static List<Switchover.Variant> variants(Switchover.Plan plan) {
        List<Switchover.Variant> variants = new ArrayList<>();
        plan.stable().ifPresent(variants::add);
        plan.canary().ifPresent(variants::add);
        return variants;
    }

    private static Optional<? extends HasMetadata> cached(Context<InferenceService> context, HasMetadata desired) {
        return context.getSecondaryResources(desired.getClass()).stream()
                .filter(r -> r.getMetadata().getName().equals(desired.getMetadata().getName())).findFirst();
    }

    private static <R extends HasMetadata> List<R> owned(InferenceService service, Context<InferenceService> context,
            Class<R> kind) {
        return context.getSecondaryResources(kind).stream().filter(r -> OwnedChildren.ownedBy(service, r)).toList();
    }

    /** A reconcile that cannot go on: Stalled with a reason, the rest of status kept. */
    private UpdateControl<InferenceService> stalled(InferenceService service, String reason, String message) {
        InferenceServiceStatus previous = service.getStatus();
        InferenceServiceStatus status = client.getKubernetesSerialization().clone(
                previous == null ? new InferenceServiceStatus() : previous);
        long generation = Optional.ofNullable(service.getMetadata().getGeneration()).orElse(0L);
        status.setObservedGeneration(generation);
        status.setConditions(new ConditionSet(previous == null ? null : previous.getConditions(), generation,
                Instant.now()).kstatus(false, false, true, reason, message).build());
        status.setPhase(io.mlcycle.api.v1alpha1.InferenceServicePhase.Failed);
        if (!StatusWrites.changed(client, previous, status)) {
            return UpdateControl.noUpdate();
        }
        events.record(service, previous, status);
        service.setStatus(status);
        return UpdateControl.patchStatus(service);
    }
}
