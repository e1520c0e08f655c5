package io.mlcycle.operator.reconciler;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlcycle.api.v1alpha1.AlertSpec;
import io.mlcycle.api.v1alpha1.ArtifactSpec;
import io.mlcycle.api.v1alpha1.DriftActionSpec;
import io.mlcycle.api.v1alpha1.DriftEvaluation;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.DriftMonitorStatus;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.RetrainRecord;
import io.mlcycle.api.v1alpha1.StatusCondition;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.api.v1alpha1.VariantStatus;
import io.mlcycle.api.v1alpha1.WindowSpec;
import io.mlcycle.operator.desired.LabelValues;
import io.mlcycle.operator.desired.Labels;
import io.mlcycle.operator.desired.RetrainJob;
import io.mlcycle.operator.drift.BreachTrigger;
import io.mlcycle.operator.drift.ProfileWindow;
import io.mlcycle.operator.drift.ReferenceColumns;
import io.mlcycle.operator.drift.WindowEvaluation;
import io.mlcycle.operator.rollout.SpecDuration;
import io.mlcycle.operator.status.DriftMonitorStatusDerivation;
import io.mlcycle.operator.status.RevisionView;

/**
 * DriftMonitor: every {@code window.interval} take the input profiles of the InferenceService's stable revision's
 * Ready pods through the {@link ProfileCollector} (which the rollout analysis shares), add them to the window until it
 * holds {@code window.minSamples} rows, judge it against that version's reference profile (read from a serving pod),
 * decide on the breach ({@link BreachTrigger}), create the retraining TrainingJob it orders, and write status, Events
 * and metrics. The open window lives in memory: an operator restart loses at most one window's rows; the breach count,
 * the last retrain and the cooldown live in status and in the monitor's TrainingJobs.
 */
@ControllerConfiguration(name = "driftmonitor", generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = SpecOrRetrainRequestChanged.class))
public class DriftMonitorReconciler implements Reconciler<DriftMonitor> {

    static final String SERVICE_INDEX = "mlcycle-monitored-service";
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final ProfileCollector collector;
    private final PodHttp http = new PodHttp();
    private final TransitionEvents events;
    private final ReconcileMetrics metrics;
    private final DriftMetrics driftMetrics;
    /** By monitor: the window being collected, when the next take is due, and the reference it is judged against. */
    private final Map<String, OpenWindow> windows = new ConcurrentHashMap<>();
    private InformerEventSource<InferenceService, DriftMonitor> services;

    /** A monitor's window in memory: the version it is of, its rows so far, the pods they came from, the next take. */
    private static final class OpenWindow {
        final String version;
        final ReferenceColumns reference;
        ProfileWindow inputs = new ProfileWindow("features");
        final Set<String> pods = new HashSet<>();
        Instant due = Instant.MIN;

        OpenWindow(String version, ReferenceColumns reference) {
            this.version = version;
            this.reference = reference;
        }
    }

    public DriftMonitorReconciler(KubernetesClient client, MeterRegistry registry, ProfileCollector collector) {
        this.client = client;
        this.collector = collector;
        this.events = new TransitionEvents(client);
        this.metrics = new ReconcileMetrics(registry, "DriftMonitor");
        this.driftMetrics = new DriftMetrics(registry);
    }

    @Override
    public List<EventSource<?, DriftMonitor>> prepareEventSources(EventSourceContext<DriftMonitor> context) {
        context.getPrimaryCache().addIndexer(SERVICE_INDEX, monitor -> List.of(key(
                monitor.getMetadata().getNamespace(), monitor.getSpec().getInferenceService())));
        services = new InformerEventSource<>(InformerEventSourceConfiguration.from(InferenceService.class,
                        DriftMonitor.class).withName("monitored-services")
                .withSecondaryToPrimaryMapper(service -> context.getPrimaryCache().byIndex(SERVICE_INDEX,
                                key(service.getMetadata().getNamespace(), service.getMetadata().getName())).stream()
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
        return List.of(services, new InformerEventSource<>(InformerEventSourceConfiguration.from(TrainingJob.class,
                DriftMonitor.class).withName("retrains").withLabelSelector(RetrainJob.MONITOR).build(), context));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    @Override
    public UpdateControl<DriftMonitor> reconcile(DriftMonitor monitor, Context<DriftMonitor> context) {
        AtomicBoolean written = new AtomicBoolean();
        return metrics.time(() -> reconcileTimed(monitor, context, written), control -> written.get());
    }

    private UpdateControl<DriftMonitor> reconcileTimed(DriftMonitor monitor, Context<DriftMonitor> context,
            AtomicBoolean written) {
        Instant now = Instant.now();
        forgetDeleted(context);
        String id = monitor.getMetadata().getUid();
        String namespace = monitor.getMetadata().getNamespace();
        List<TrainingJob> owned = context.getSecondaryResources(TrainingJob.class).stream()
                .filter(j -> OwnedChildren.ownedBy(monitor, j)).toList();
        List<BreachTrigger.RetrainJob> jobs = owned.stream().map(DriftMonitorReconciler::retrainJob).toList();
        // Pods are read at most once a second, whatever the spec says (0s passes the API's pattern).
        Duration interval = Collections.max(List.of(MIN_INTERVAL, SpecDuration.parse(Optional.ofNullable(
                monitor.getSpec().getWindow()).map(WindowSpec::getInterval).orElse(null), DEFAULT_INTERVAL)));
        long needed = Optional.ofNullable(monitor.getSpec().getWindow()).map(WindowSpec::getMinSamples).orElse(500);

        Optional<InferenceService> service = services.get(new ResourceID(monitor.getSpec().getInferenceService(),
                namespace));
        Optional<String> stable = service.map(InferenceService::getStatus).map(s -> s.getStable())
                .map(VariantStatus::getModelVersion);
        if (service.isEmpty()) {
            return blocked(monitor, context, written, jobs, new DriftMonitorStatusDerivation.Blocked("InferenceServiceNotFound",
                    "no InferenceService " + monitor.getSpec().getInferenceService() + " in " + namespace, false));
        }
        if (stable.isEmpty()) {
            return blocked(monitor, context, written, jobs, new DriftMonitorStatusDerivation.Blocked("NotServing", "InferenceService "
                    + monitor.getSpec().getInferenceService() + " serves no stable version yet", true))
                    .rescheduleAfter(interval);
        }
        OpenWindow window = windows.get(id);
        Optional<DriftEvaluation> evaluation = Optional.empty();
        Optional<WindowEvaluation.Verdict> verdict = Optional.empty();
        if (window == null || !window.version.equals(stable.get()) || !now.isBefore(window.due)) {
            List<Pod> pods = servingPods(service.get(), stable.get());
            if (window == null || !window.version.equals(stable.get())) {
                Optional<ReferenceColumns> reference = reference(pods, service.get().getMetadata().getName());
                if (reference.isEmpty()) {
                    windows.remove(id);
                    return blocked(monitor, context, written, jobs, pods.isEmpty()
                            ? new DriftMonitorStatusDerivation.Blocked("NoReadyPods", "no Ready pod of "
                                    + stable.get() + " to read its reference profile from", true)
                            : new DriftMonitorStatusDerivation.Blocked("NoReferenceProfile", "the pods of "
                                    + stable.get() + " serve no reference profile (GET /v2/models/"
                                    + service.get().getMetadata().getName() + "/profile/reference): its manifest has no "
                                    + "referenceProfile, which the built-in trainer writes", false))
                            .rescheduleAfter(interval);
                }
                window = new OpenWindow(stable.get(), reference.get());
                windows.put(id, window);
            }
            collect(window, consumer(id), pods, service.get().getMetadata().getName(), now);
            window.due = now.plus(interval);
            if (window.inputs.rows() >= needed) {
                verdict = Optional.of(WindowEvaluation.evaluate(monitor.getSpec(), window.reference, window.inputs,
                        stable.get(), now));
                verdict.get().evaluation().setPods(window.pods.size());
                evaluation = Optional.of(verdict.get().evaluation());
                window.inputs = new ProfileWindow("features");
                window.pods.clear();
            }
        }
        int lastNumber = Optional.ofNullable(monitor.getStatus()).map(DriftMonitorStatus::getLastRetrain)
                .map(r -> RetrainJob.number(r.getTrainingJob())).orElse(0);
        Optional<String> request = Optional.ofNullable(monitor.getMetadata().getAnnotations())
                .map(a -> a.get(BreachTrigger.REQUEST));
        BreachTrigger.Decision decision = BreachTrigger.decide(monitor.getSpec(), monitor.getStatus(), verdict,
                stable.get(), jobs, lastNumber, request, now);
        Optional<String> ordered = decision.retrain().map(order -> RetrainJob.name(monitor, order.number()));
        DriftMonitorStatus previous = monitor.getStatus();
        DriftMonitorStatus status = DriftMonitorStatusDerivation.derive(monitor,
                new DriftMonitorStatusDerivation.Observation(Optional.empty(), evaluation, window.inputs.rows(),
                        needed, decision, ordered, stable.get(), jobs,
                        Optional.ofNullable(service.get().getStatus())), now);
        evaluation.ifPresent(e -> driftMetrics.evaluated(monitor, e));
        driftMetrics.drifted(monitor, decision.drifted());
        if (write(monitor, previous, status, context, written)) {
            // Told once status holds it, and before the job is made: a failing create must not silence the alert.
            announce(monitor, service.get(), previous, status, ordered);
        }
        // The order is in status before its job exists: a restart in between creates that job, never another.
        if (BreachTrigger.ordered(status, jobs)) {
            create(monitor, status.getLastRetrain());
        }
        return UpdateControl.<DriftMonitor>noUpdate().rescheduleAfter(Duration.between(now, window.due)
                .plusMillis(50));
    }

    /** The Ready pods of the service's revision of {@code version}. */
    private List<Pod> servingPods(InferenceService service, String version) {
        return client.pods().inNamespace(service.getMetadata().getNamespace())
                .withLabel(Labels.OWNER_UID, service.getMetadata().getUid())
                .withLabel(Labels.MODEL_VERSION, LabelValues.fit(version)).list().getItems().stream().filter(RevisionView::ready)
                .toList();
    }

    /** The first answer of the pods' {@code /profile/reference} (all serve the same version's). */
    private Optional<ReferenceColumns> reference(List<Pod> pods, String model) {
        for (Pod pod : pods) {
            Optional<String> body = http.get(pod, "/v2/models/" + model + "/profile/reference").join();
            if (body.isPresent()) {
                try {
                    return Optional.of(ReferenceColumns.of(JSON.readTree(body.get())));
                } catch (IOException e) {
                    // Another pod may answer well.
                }
            }
        }
        return Optional.empty();
    }

    /** Adds what the pods saw since this monitor's last take of them to the open window. */
    private void collect(OpenWindow window, String consumer, List<Pod> pods, String model, Instant now) {
        collector.take(consumer, pods, model, now).forEach((pod, taken) -> taken.windows().forEach(profile -> {
            window.inputs.add(profile);
            window.pods.add(pod.getMetadata().getUid());
        }));
    }

    private static String consumer(String uid) {
        return "drift/" + uid;
    }

    /**
     * Drops what this reconciler keeps for monitors no longer there (no finalizer tells of a deletion): their open
     * windows, their reading of the profile collector, their gauges. A monitor made again under the same name has
     * another uid and starts afresh.
     */
    private void forgetDeleted(Context<DriftMonitor> context) {
        Set<String> live = context.getPrimaryCache().list().map(m -> m.getMetadata().getUid())
                .collect(Collectors.toSet());
        windows.keySet().removeIf(uid -> {
            if (live.contains(uid)) {
                return false;
            }
            collector.release(consumer(uid));
            return true;
        });
        driftMetrics.retain(live);
    }

    /**
     * Creates the retraining TrainingJob status orders; one of that name already there is this order's (made before
     * an operator restart, or not yet in the cache) when the monitor owns it, and a namesake's otherwise, which stops
     * the reconcile until it is gone.
     */
    private void create(DriftMonitor monitor, RetrainRecord order) {
        Optional<ArtifactSpec> parent = Optional.ofNullable(order.getParentVersion()).map(name -> client
                .resources(ModelVersion.class).inNamespace(monitor.getMetadata().getNamespace()).withName(name).get())
                .map(v -> v.getSpec().getArtifact());
        TrainingJob job = RetrainJob.of(monitor, RetrainJob.number(order.getTrainingJob()), order.getParentVersion(),
                parent, order.getReason());
        try {
            client.resource(job).create();
            driftMetrics.retrained(monitor);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            TrainingJob existing = client.resource(job).get();
            if (existing == null || !OwnedChildren.ownedBy(monitor, existing)) {
                throw new IllegalStateException("TrainingJob " + job.getMetadata().getName()
                        + " exists and is not this DriftMonitor's; retrying once it is gone");
            }
        }
    }

    private static BreachTrigger.RetrainJob retrainJob(TrainingJob job) {
        return new BreachTrigger.RetrainJob(job.getMetadata().getName(), RetrainJob.number(job),
                Instant.parse(job.getMetadata().getCreationTimestamp()),
                Optional.ofNullable(job.getStatus()).map(s -> s.getPhase()).orElse(TrainingJobPhase.Pending),
                Optional.ofNullable(job.getStatus()).map(s -> s.getModelVersion()).orElse(null));
    }

    private UpdateControl<DriftMonitor> blocked(DriftMonitor monitor, Context<DriftMonitor> context,
            AtomicBoolean written, List<BreachTrigger.RetrainJob> jobs, DriftMonitorStatusDerivation.Blocked why) {
        DriftMonitorStatus previous = monitor.getStatus();
        BreachTrigger.Decision unchanged = new BreachTrigger.Decision(0, Optional.empty(), Optional.empty(),
                Optional.empty());
        DriftMonitorStatus status = DriftMonitorStatusDerivation.derive(monitor,
                new DriftMonitorStatusDerivation.Observation(Optional.of(why), Optional.empty(), -1, 0, unchanged,
                        Optional.empty(), null, jobs, Optional.empty()), Instant.now());
        if (write(monitor, previous, status, context, written)) {
            events.record(monitor, previous, status);
        }
        return UpdateControl.noUpdate();
    }

    /**
     * Writes status now, when it changed, and caches the result: an order must be stored before its job is created,
     * and the next reconcile must decide from this one's status.
     */
    private boolean write(DriftMonitor monitor, DriftMonitorStatus previous, DriftMonitorStatus status,
            Context<DriftMonitor> context, AtomicBoolean written) {
        if (!StatusWrites.changed(client, previous, status)) {
            return false;
        }
        DriftMonitor fresh = new DriftMonitor();
        fresh.setMetadata(new ObjectMetaBuilder().withName(monitor.getMetadata().getName())
                .withNamespace(monitor.getMetadata().getNamespace()).build());
        fresh.setStatus(status);
        PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(monitor, fresh, context);
        written.set(true);
        return true;
    }

    /**
     * Events of what this reconcile changed: Ready's transitions; drift declared (a Warning on the monitor and, with
     * {@code alert.events}, on the InferenceService) and resolved; a retrain started.
     */
    private void announce(DriftMonitor monitor, InferenceService service, DriftMonitorStatus previous,
            DriftMonitorStatus status, Optional<String> ordered) {
        events.record(monitor, previous, status);
        boolean was = drifted(previous);
        boolean is = drifted(status);
        boolean alert = Optional.ofNullable(monitor.getSpec().getAction()).map(DriftActionSpec::getAlert)
                .map(AlertSpec::getEvents).orElse(true);
        String message = condition(status).map(StatusCondition::getMessage).orElse("");
        if (is && !was && alert) {
            events.emit(monitor, "Warning", "DriftDetected", message);
            events.emit(service, "Warning", "DriftDetected", "DriftMonitor " + monitor.getMetadata().getName() + ": "
                    + message);
        } else if (was && !is) {
            events.emit(monitor, "Normal", "DriftResolved", message);
        }
        ordered.ifPresent(name -> events.emit(monitor, "Normal", "RetrainStarted", "TrainingJob " + name
                + " retrains " + status.getLastRetrain().getParentVersion() + ": "
                + status.getLastRetrain().getReason()));
    }

    private static boolean drifted(DriftMonitorStatus status) {
        return condition(status).map(c -> c.getStatus() == io.mlcycle.api.v1alpha1.ConditionStatus.True)
                .orElse(false);
    }

    private static Optional<StatusCondition> condition(DriftMonitorStatus status) {
        return status == null || status.getConditions() == null ? Optional.empty() : status.getConditions().stream()
                .filter(c -> DriftMonitorStatusDerivation.DRIFTED.equals(c.getType())).findFirst();
    }
}
