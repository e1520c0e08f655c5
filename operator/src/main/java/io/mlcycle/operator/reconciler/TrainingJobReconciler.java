package io.mlcycle.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.api.v1alpha1.TrainingJobStatus;
import io.mlcycle.api.v1alpha1.TrainingProgress;
import io.mlcycle.api.v1alpha1.TrainingRuntime;
import io.mlcycle.operator.config.OperatorConfig;
import io.mlcycle.operator.config.OperatorSettings;
import io.mlcycle.operator.desired.Labels;
import io.mlcycle.operator.desired.TrainerResult;
import io.mlcycle.operator.desired.TrainerWorkload;
import io.mlcycle.operator.status.PodTrouble;
import io.mlcycle.operator.status.TrainingJobStatusDerivation;
import io.mlcycle.operator.status.TrainingObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * TrainingJob: create the workers' Job (and headless Service), follow its pods, read progress from the trainer's log,
 * register the result as a ModelVersion once, and write the derived status when it changed.
 */
@ControllerConfiguration(name = "trainingjob")
public class TrainingJobReconciler implements Reconciler<TrainingJob> {

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final Duration progressInterval;
    private final ModelVersionRegistrar registrar;
    private final TrainerLogs logs;
    private final TransitionEvents events;
    private final JobSets jobSets;
    private final ReconcileMetrics metrics;

    public TrainingJobReconciler(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        this.client = client;
        this.settings = config.settings();
        this.progressInterval = config.progressInterval();
        this.registrar = new ModelVersionRegistrar(client, settings);
        this.logs = new TrainerLogs(client);
        this.events = new TransitionEvents(client);
        this.jobSets = new JobSets(client, settings);
        this.metrics = new ReconcileMetrics(registry, "TrainingJob");
    }

    @Override
    public List<EventSource<?, TrainingJob>> prepareEventSources(EventSourceContext<TrainingJob> context) {
        String trainers = Labels.COMPONENT + "=trainer";
        var jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, TrainingJob.class)
                .withName("trainer-jobs").withLabelSelector(trainers).build(), context);
        var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, TrainingJob.class)
                .withName("trainer-pods").withLabelSelector(trainers)
                .withSecondaryToPrimaryMapper(pod -> Optional.ofNullable(pod.getMetadata().getLabels())
                        .map(l -> l.get(Labels.TRAINING_JOB))
                        .map(name -> Set.of(new ResourceID(name, pod.getMetadata().getNamespace())))
                        .orElse(Set.of()))
                .build(), context);
        return List.of(jobs, pods);
    }

    @Override
    public UpdateControl<TrainingJob> reconcile(TrainingJob tj, Context<TrainingJob> context) {
        return metrics.time(() -> reconcileTimed(tj, context), UpdateControl::isPatchStatus);
    }

    private UpdateControl<TrainingJob> reconcileTimed(TrainingJob tj, Context<TrainingJob> context) {
        TrainingJobStatus previous = tj.getStatus();
        TrainingRuntime runtime = Optional.ofNullable(tj.getSpec().getRuntime()).orElse(TrainingRuntime.Job);
        TrainingObservation seen = switch (runtime) {
            case Job -> observe(tj, context, plainJob(tj, context));
            case JobSet -> jobSets.observe(tj, pods(context))
                    .map(jobSet -> observe(tj, context, jobSet))
                    .orElseGet(() -> TrainingObservation.runtimeMissing(JobSets.MISSING));
            case TrainJob, RayJob -> TrainingObservation.nothing();
        };
        TrainingJobStatus status = TrainingJobStatusDerivation.derive(tj, seen, Instant.now());
        events.record(tj, previous, status);
        UpdateControl<TrainingJob> control;
        if (StatusWrites.changed(client, previous, status)) {
            tj.setStatus(status);
            control = UpdateControl.patchStatus(tj);
        } else {
            control = UpdateControl.noUpdate();
        }
        boolean unfinished = status.getPhase() != TrainingJobPhase.Succeeded && status.getPhase() != TrainingJobPhase.Failed;
        if (status.getPhase() == TrainingJobPhase.Running) {
            return control.rescheduleAfter(progressInterval);
        }
        // The JobSet's own status is not watched (its CRD may not exist): look again while the run is unfinished.
        return runtime == TrainingRuntime.JobSet && unfinished ? control.rescheduleAfter(JobSets.POLL) : control;
    }

    /** The workers' plain Job (and headless Service), created unless the run already finished. */
    private Optional<Job> plainJob(TrainingJob tj, Context<TrainingJob> context) {
        Optional<Job> job = context.getSecondaryResource(Job.class);
        if (job.isEmpty() && !finished(tj)) {
            if (TrainerWorkload.distributed(tj)) {
                client.resource(TrainerWorkload.headlessService(tj)).forceConflicts().serverSideApply();
            }
            return Optional.of(createJob(tj));
        }
        return job.filter(j -> !finished(tj)).map(j -> followSuspend(tj, j)).or(() -> job);
    }

    static boolean finished(TrainingJob tj) {
        return tj.getStatus() != null && (tj.getStatus().getPhase() == TrainingJobPhase.Succeeded
                || tj.getStatus().getPhase() == TrainingJobPhase.Failed);
    }

    private static List<Pod> pods(Context<TrainingJob> context) {
        return List.copyOf(context.getSecondaryResources(Pod.class));
    }

    private TrainingObservation observe(TrainingJob tj, Context<TrainingJob> context, Optional<Job> job) {
        List<Pod> pods = pods(context);
        Optional<TrainingProgress> progress = logs.progress(pods);
        Optional<TrainerResult> result = Optional.empty();
        Optional<String> registered = Optional.empty();
        Optional<String> registrationError = Optional.empty();
        boolean complete = job.map(j -> j.getStatus() != null && j.getStatus().getConditions() != null
                && j.getStatus().getConditions().stream().anyMatch(c -> ("Complete".equals(c.getType())
                        || "SuccessCriteriaMet".equals(c.getType())) && "True".equals(c.getStatus())))
                .orElse(false);
        if (complete && (tj.getStatus() == null || tj.getStatus().getModelVersion() == null)) {
            try {
                List<String> messages = PodTrouble.successMessages(pods, TrainerWorkload.CONTAINER);
                String message = messages.stream().findFirst().orElse(null);
                for (String candidate : messages) {
                    result = TrainerResult.parse(candidate);
                    if (result.isPresent()) {
                        break;
                    }
                }
                if (result.isPresent()) {
                    registered = Optional.of(registrar.register(tj, result.get()));
                } else {
                    registrationError = Optional.of(message == null
                            ? "no finished trainer pod is left to read the result summary from"
                            : "the termination message is no result summary (see the trainer contract): " + message);
                }
            } catch (IllegalArgumentException e) {
                registrationError = Optional.of(e.getMessage());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 422) {
                    throw e;
                }
                registrationError = Optional.of("the API server refused the ModelVersion: " + e.getMessage());
            }
        }
        return new TrainingObservation(job, pods, progress, result, registered, registrationError);
    }

    private Job createJob(TrainingJob tj) {
        Job desired = TrainerWorkload.job(tj, settings);
        try {
            return client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {   // created by an earlier reconcile whose event has not reached the cache yet
                return client.resource(desired).get();
            }
            throw e;
        }
    }

    /** spec.suspend is the one field of a Job that may change: suspending a running Job stops its pods. */
    private Job followSuspend(TrainingJob tj, Job job) {
        boolean wanted = Boolean.TRUE.equals(tj.getSpec().getSuspend());
        if (wanted == Boolean.TRUE.equals(job.getSpec().getSuspend())) {
            return job;
        }
        return client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName()).edit(j -> {
                    j.getSpec().setSuspend(wanted);
                    return j;
                });
    }
}
