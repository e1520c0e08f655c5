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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlcycle.api.v1alpha1.AnalysisResult;
import io.mlcycle.api.v1alpha1.CanaryPhase;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.RolloutOutcome;
import io.mlcycle.api.v1alpha1.RolloutSpec;
import io.mlcycle.api.v1alpha1.TrafficProvider;
import io.mlcycle.api.v1alpha1.VariantStatus;
import io.mlcycle.operator.config.OperatorConfig;
import io.mlcycle.operator.config.OperatorSettings;
import io.mlcycle.operator.desired.ChampionGate;
import io.mlcycle.operator.desired.Labels;
import io.mlcycle.operator.desired.RevisionWorkload;
import io.mlcycle.operator.desired.RouterWorkload;
import io.mlcycle.operator.desired.TrafficTable;
import io.mlcycle.operator.resolve.ModelChoice;
import io.mlcycle.operator.rollout.Analysis;
import io.mlcycle.operator.rollout.CanaryRollout;
import io.mlcycle.operator.rollout.RolloutAction;
import io.mlcycle.operator.status.ConditionSet;
import io.mlcycle.operator.status.InferenceServiceStatusDerivation;
import io.mlcycle.operator.status.PodTrouble;
import io.mlcycle.operator.status.RevisionView;
import io.mlcycle.operator.status.TrafficState;

/**
 * InferenceService: resolve the ModelVersion to serve, measure the canary when an analysis is due, plan the rollout
 * from the stable one ({@link CanaryRollout}), apply one Deployment and Service per served revision (with
 * PodDisruptionBudget and HPA as the replicas ask) and the traffic layer in front of them, remove revisions no longer
 * served, write status from what the children report, and consume the rollout-action annotation.
 */
@ControllerConfiguration(name = "inferenceservice", generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = SpecOrActionChanged.class))
public class InferenceServiceReconciler implements Reconciler<InferenceService> {

    private static final Logger LOG = Logger.getLogger(InferenceServiceReconciler.class);

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
    private final RolloutMetrics rolloutMetrics;
    private final StatusGauge<InferenceService> readyGauge;
    private final StatusGauge<InferenceService> rolledBackGauge;
    private final Map<ResourceID, CanaryScrapes> scrapes = new ConcurrentHashMap<>();
    private final ProfileCollector collector;
    private InformerEventSource<ModelVersion, InferenceService> versions;

    public InferenceServiceReconciler(KubernetesClient client, OperatorConfig config, MeterRegistry registry,
            ProfileCollector collector) {
        this.client = client;
        this.collector = collector;
        this.config = config;
        this.settings = config.settings();
        this.events = new TransitionEvents(client);
        this.metrics = new ReconcileMetrics(registry, "InferenceService");
        this.routes = new GatewayRoutes(client);
        this.rolloutMetrics = new RolloutMetrics(registry);
        this.readyGauge = new StatusGauge<>(registry, "mlcycle.inferenceservice.ready",
                "1 while the InferenceService's Ready condition is True", service -> service.getStatus() != null
                        && ConditionSet.holds(service.getStatus().getConditions(), ConditionSet.READY));
        this.rolledBackGauge = new StatusGauge<>(registry, "mlcycle.inferenceservice.rolled.back",
                "1 while the InferenceService's last rollout ended rolled back (until a later one ends otherwise)",
                service -> service.getStatus() != null && service.getStatus().getLastRollout() != null
                        && service.getStatus().getLastRollout().getOutcome() == RolloutOutcome.RolledBack);
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
        AtomicBoolean written = new AtomicBoolean();
        readyGauge.observe(service, context);
        rolledBackGauge.observe(service, context);
        return metrics.time(() -> reconcileTimed(service, context, written),
                control -> written.get() || control.isPatchStatus());
    }

    private UpdateControl<InferenceService> reconcileTimed(InferenceService service, Context<InferenceService> context,
            AtomicBoolean written) {
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
        RolloutSpec rollout = service.getSpec().getRollout();
        Optional<String> actionValue = Optional.ofNullable(service.getMetadata().getAnnotations())
                .map(a -> a.get(RolloutAction.ANNOTATION));
        Optional<RevisionView> canaryView = Optional.ofNullable(previous).map(InferenceServiceStatus::getCanary)
                .map(VariantStatus::getModelVersion).map(views::get);
        Optional<GenericKubernetesResource> gateway = viaGateway ? routes.gateway(service) : Optional.empty();
        Optional<String> mirrorUnavailable = viaGateway && rollout != null && rollout.getMirror() != null
                && CanaryRollout.mayConsultMirror(previous, choice.version())
                ? routes.mirrorUnavailable(gateway) : Optional.empty();
        CanaryRollout.Plan plan = CanaryRollout.plan(new CanaryRollout.Inputs(previous, choice.version(), byName, ready,
                required, rollout, Optional.ofNullable(service.getMetadata().getGeneration()).orElse(0L),
                actionValue.flatMap(RolloutAction::parse), analysis(service, previous, views, pods, canaryView,
                        Optional.ofNullable(previous).map(InferenceServiceStatus::getCanary)
                                .map(VariantStatus::getModelVersion).map(byName::get), now),
                canaryView.flatMap(v -> PodTrouble.crashing(v.pods(), RevisionWorkload.CONTAINER))
                        .map(t -> t.reason() + ": " + t.message()),
                mirrorUnavailable, now, config.drainDelay()));
        ChildApplier applier = new ChildApplier(client);
        TrafficState traffic;
        String url;
        String grpcUrl;
        try {
            applyChildren(service, context, plan, applier, viaGateway);
            if (viaGateway) {
                traffic = routes.state(service, gateway);
                url = GatewayRoutes.url(service, gateway);
                grpcUrl = routes.grpcServed() ? GatewayRoutes.grpcUrl(service, gateway) : null;
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
        if (StatusWrites.changed(client, previous, status)) {
            // Written and cached now, not after the reconcile: rollout state lives in status, and the next reconcile
            // (a Pod or Deployment event may start it at once) must plan from this one's result, never an older one.
            InferenceService fresh = new InferenceService();
            fresh.setMetadata(new ObjectMetaBuilder().withName(service.getMetadata().getName())
                    .withNamespace(namespace).build());
            fresh.setStatus(status);
            PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(service, fresh, context);
            written.set(true);
            events.record(service, previous, status);
            rolloutMetrics.observe(service, plan);
        }
        // After the write: an Event never tells of a step that did not happen. Steps come with a status change; a
        // refused action (e.g. promote without a Ready pod) comes without one.
        for (CanaryRollout.Event event : plan.events()) {
            events.emit(service, event.warning() ? "Warning" : "Normal", event.reason(), event.message());
        }
        Optional<CanaryRollout.Variant> canary = plan.canary();
        if (canary.map(CanaryRollout.Variant::since).filter(since -> previous == null || previous.getCanary() == null
                || !since.equals(previous.getCanary().getSince())).isPresent() && rollout != null
                && Analysis.configured(rollout.getAnalysis())) {
            // A new weight took effect: its first interval is measured from now, not from the last read.
            scrapes.computeIfAbsent(ResourceID.fromResource(service), this::scrapes).baseline(
                    subject(service, views, pods, canary.get().name(), plan.stable().map(CanaryRollout.Variant::name)
                            .orElse(null)), now, true);
        }
        actionValue.ifPresent(value -> consumeAction(service, value));
        UpdateControl<InferenceService> control = UpdateControl.noUpdate();
        Optional<Duration> again = plan.requeueAfter();
        if (viaGateway && !traffic.ready()) {
            // No informer on routes (the CRDs may be absent at start): look at the Gateway's verdict again shortly.
            again = Optional.of(again.filter(d -> d.compareTo(ROUTE_POLL) < 0).orElse(ROUTE_POLL));
        }
        return again.map(control::rescheduleAfter).orElse(control);
    }

    /**
     * A fresh analysis of the canary when one is due: its Ready pods' counters since the last read. Between analyses,
     * pods not yet read get a baseline, so the first interval of a step counts from about its start.
     */
    private Optional<AnalysisResult> analysis(InferenceService service, InferenceServiceStatus previous,
            Map<String, RevisionView> views, List<Pod> pods, Optional<RevisionView> canary,
            Optional<ModelVersion> canaryVersion, Instant now) {
        ResourceID id = ResourceID.fromResource(service);
        if (canary.isEmpty() || previous.getCanary().getSince() == null
                || previous.getCanary().getPhase() == CanaryPhase.Starting) {
            // Nothing to measure before the canary has traffic or copies; a canary gone takes its reads along.
            if (canary.isEmpty()) {
                Optional.ofNullable(scrapes.remove(id)).ifPresent(CanaryScrapes::release);
            }
            return Optional.empty();
        }
        CanaryPhase judged = previous.getCanary().getStep() == null ? CanaryPhase.Mirroring : CanaryPhase.Progressing;
        CanaryScrapes.Subject subject = subject(service, views, judged == CanaryPhase.Mirroring ? pods : List.of(),
                previous.getCanary().getModelVersion(), Optional.ofNullable(previous.getStable())
                        .map(VariantStatus::getModelVersion).orElse(null));
        CanaryScrapes reads = scrapes.computeIfAbsent(id, this::scrapes);
        reads.retain(subject);
        RolloutSpec rollout = service.getSpec().getRollout();
        if (!CanaryRollout.analysisDue(previous, rollout, now)) {
            reads.baseline(subject, now, false);
            return Optional.empty();
        }
        return Optional.of(Analysis.judge(rollout.getAnalysis(), reads.measure(subject,
                CanaryRollout.intervalStart(previous.getCanary()), now), judged, now,
                meantToDiffer(canaryVersion, previous)));
    }

    /**
     * Whether the canary's predictions are meant to differ from the stable version's: a DriftMonitor's retrain of
     * this stable version that the champion gate approved (it beat that version on the data that drifted), whose
     * prediction shift and agreement are then recorded but not held against it.
     */
    private static boolean meantToDiffer(Optional<ModelVersion> canary, InferenceServiceStatus previous) {
        String stable = Optional.ofNullable(previous).map(InferenceServiceStatus::getStable)
                .map(VariantStatus::getModelVersion).orElse(null);
        // Only against the champion it beat: the version this service serves as stable.
        return canary.filter(v -> v.getSpec().getLineage() != null && stable != null
                && stable.equals(v.getSpec().getLineage().getParentVersion()))
                .filter(v -> v.getMetadata().getAnnotations() != null
                && ChampionGate.AUTO.equals(v.getMetadata().getAnnotations().get(ChampionGate.POLICY))
                && ChampionGate.judge(v.getMetadata().getAnnotations(), v.getSpec().getMetrics()).passed())
                .isPresent();
    }

    /** The analysis reads of one InferenceService, one of the profile collector's consumers. */
    private CanaryScrapes scrapes(ResourceID id) {
        return new CanaryScrapes(collector, "rollout/" + id.getNamespace().orElse("") + "/" + id.getName());
    }

    /**
     * What an analysis of {@code canary} against {@code stable} (ModelVersion names) reads; the router pods among
     * {@code pods} only where an agreement threshold is set (it is judged while mirrored: pass no pods otherwise).
     */
    private CanaryScrapes.Subject subject(InferenceService service, Map<String, RevisionView> views, List<Pod> pods,
            String canary, String stable) {
        RolloutSpec rollout = service.getSpec().getRollout();
        boolean agreement = rollout != null && rollout.getAnalysis() != null
                && rollout.getAnalysis().getMinAgreement() != null;
        List<Pod> routers = agreement ? pods.stream().filter(p -> p.getMetadata().getLabels() != null
                && RouterWorkload.COMPONENT.equals(p.getMetadata().getLabels().get(Labels.COMPONENT))
                && RevisionView.ready(p)).toList() : List.of();
        return new CanaryScrapes.Subject(readyPods(views, canary), readyPods(views, stable),
                service.getMetadata().getName(), profiled(service), routers,
                Optional.ofNullable(canary).map(views::get).map(RevisionView::name).orElse(null));
    }

    /** Whether the analysis compares predictions (and so reads the pods' profile windows). */
    private static boolean profiled(InferenceService service) {
        RolloutSpec rollout = service.getSpec().getRollout();
        return rollout != null && rollout.getAnalysis() != null && rollout.getAnalysis().getMaxPredictionShift() != null;
    }

    private static List<Pod> readyPods(Map<String, RevisionView> views, String version) {
        return Optional.ofNullable(version).map(views::get).map(RevisionView::readyPods).orElse(List.of());
    }

    /**
     * Removes the action annotation once acted on (status is written with this reconcile's result), only if it still
     * holds the value acted on: a newer action set meanwhile stays for the next reconcile.
     */
    private void consumeAction(InferenceService service, String value) {
        if (RolloutAction.parse(value).isEmpty()) {
            // Removed too, after one Warning: left in place it would warn again at every reconcile.
            events.emit(service, "Warning", "UnknownRolloutAction", RolloutAction.ANNOTATION + ": '" + value
                    + "' is not one of promote, abort, pause, resume; removed");
        }
        String path = "/metadata/annotations/" + RolloutAction.ANNOTATION.replace("~", "~0").replace("/", "~1");
        String patch = "[{\"op\":\"test\",\"path\":\"" + path + "\",\"value\":"
                + client.getKubernetesSerialization().asJson(value) + "},{\"op\":\"remove\",\"path\":\"" + path
                + "\"}]";
        try {
            client.resources(InferenceService.class).inNamespace(service.getMetadata().getNamespace())
                    .withName(service.getMetadata().getName())
                    .patch(new PatchContext.Builder().withPatchType(PatchType.JSON).build(), patch);
        } catch (KubernetesClientException e) {
            // The value changed or went meanwhile (the test op failed): nothing of this action is left to remove.
            LOG.debugf("rollout action of %s/%s not removed: %s", service.getMetadata().getNamespace(),
                    service.getMetadata().getName(), e.getMessage());
        }
    }

    private static RevisionView view(RevisionWorkload revision, List<Deployment> deployments, List<Pod> pods) {
        Optional<Deployment> deployment = deployments.stream()
                .filter(d -> d.getMetadata().getName().equals(revision.name())).findFirst();
        List<Pod> own = pods.stream().filter(p -> p.getMetadata().getLabels() != null
                && revision.name().equals(p.getMetadata().getLabels().get(Labels.REVISION))).toList();
        return new RevisionView(revision.name(), deployment, own);
    }

    /** The revisions of the plan and the router in front of them; revisions no longer served are removed. */
    private void applyChildren(InferenceService service, Context<InferenceService> context, CanaryRollout.Plan plan,
            ChildApplier applier, boolean viaGateway) {
        List<HasMetadata> desired = new ArrayList<>();
        List<TrafficTable.Route> weights = new ArrayList<>();
        for (CanaryRollout.Variant variant : variants(plan)) {
            RevisionWorkload revision = new RevisionWorkload(service, variant.version(), settings);
            desired.add(revision.deployment());
            desired.add(revision.service());
            revision.disruptionBudget().ifPresent(desired::add);
            revision.autoscaler().ifPresent(desired::add);
            weights.add(new TrafficTable.Route(revision.name(), revision.name(), variant.weight()));
        }
        TrafficTable table = new TrafficTable(weights, plan.mirror().map(mirror -> new TrafficTable.Mirror(
                new RevisionWorkload(service, mirror.version(), settings).name(), mirror.percent())).orElse(null));
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
            routes.apply(service, table, applier);
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

    private static List<CanaryRollout.Variant> variants(CanaryRollout.Plan plan) {
        List<CanaryRollout.Variant> variants = new ArrayList<>();
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
