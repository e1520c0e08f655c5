package io.mlcycle.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.api.v1alpha1.TrainingJobStatus;
import io.mlcycle.api.v1alpha1.TrainingProgress;
import io.mlcycle.api.v1alpha1.TrainingRuntime;
import io.mlcycle.operator.config.OperatorConfig;
import io.mlcycle.operator.config.OperatorSettings;
import io.mlcycle.operator.desired.TrainerResult;
import io.mlcycle.operator.desired.TrainerWorkload;
import io.mlcycle.operator.status.PodTrouble;
import io.mlcycle.operator.status.TrainingJobStatusDerivation;
import io.mlcycle.operator.status.TrainingObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
    private final StatusGauge<TrainingJob> failedGauge;

    public TrainingJobReconciler(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        this.client = client;
        this.settings = config.settings();
        this.progressInterval = config.progressInterval();
        this.registrar = new ModelVersionRegistrar(client, settings);
        this.logs = new TrainerLogs(client);
        this.events = new TransitionEvents(client);
        this.jobSets = new JobSets(client, settings);
        this.metrics = new ReconcileMetrics(registry, "TrainingJob");
        this.failedGauge = new StatusGauge<>(registry, "mlcycle.trainingjob.failed",
                "1 while the TrainingJob's phase is Failed", tj -> tj.getStatus() != null
                        && tj.getStatus().getPhase() == TrainingJobPhase.Failed);
    }

    @Override
    public List<EventSource<?, TrainingJob>> prepareEventSources(EventSourceContext<TrainingJob> context) {
        return OwnedChildren.eventSources(context, TrainingJob.class, "trainer");
    }

    @Override
    public UpdateControl<TrainingJob> reconcile(TrainingJob tj, Context<TrainingJob> context) {
        failedGauge.observe(tj, context);
        return metrics.time(() -> reconcileTimed(tj, context), UpdateControl::isPatchStatus);
    }

    private UpdateControl<TrainingJob> reconcileTimed(TrainingJob tj, Context<TrainingJob> context) {
        TrainingJobStatus previous = tj.getStatus();
        TrainingRuntime runtime = Optional.ofNullable(tj.getSpec().getRuntime()).orElse(TrainingRuntime.Job);
        TrainingObservation seen = observe(tj, context, runtime);
        TrainingJobStatus status = TrainingJobStatusDerivation.derive(tj, seen, Instant.now());
        UpdateControl<TrainingJob> control;
        if (StatusWrites.changed(client, previous, status)) {
            events.record(tj, previous, status);
            tj.setStatus(status);
            control = UpdateControl.patchStatus(tj);
        } else {
            control = UpdateControl.noUpdate();
        }
        boolean unfinished = status.getPhase() != TrainingJobPhase.Succeeded && status.getPhase() != TrainingJobPhase.Failed;
        if (status.getPhase() == TrainingJobPhase.Running) {
            return control.rescheduleAfter(progressInterval);
        }
        // The JobSet's own status is not watched (its CRD may not exist): look again while it may still change.
        boolean jobSetMoving = runtime == TrainingRuntime.JobSet && unfinished
                && status.getPhase() != TrainingJobPhase.Suspended && seen.blocked().isEmpty();
        return jobSetMoving ? control.rescheduleAfter(JobSets.POLL) : control;
    }

    private TrainingObservation observe(TrainingJob tj, Context<TrainingJob> context, TrainingRuntime runtime) {
        List<Pod> pods = OwnedChildren.of(tj, context.getSecondaryResources(Pod.class));
        try {
            return switch (runtime) {
                case Job -> observe(tj, plainJob(tj, context), pods);
                case JobSet -> jobSets.observe(tj, pods).map(jobSet -> observe(tj, jobSet, pods))
                        .orElseGet(() -> TrainingObservation.blocked("RuntimeNotInstalled", JobSets.MISSING, false));
                case TrainJob, RayJob -> TrainingObservation.nothing();
            };
        } catch (WorkloadGone gone) {
            return TrainingObservation.blocked("WorkloadDeleted", gone.getMessage(), true, registrar.find(tj));
        } catch (KubernetesClientException e) {
            // A workload the API server refuses (an invalid env name, a webhook's denial, a quota) is the user's to
            // fix in spec: say so in status instead of retrying the same request for ever.
            if (e.getCode() < 400 || e.getCode() >= 500 || e.getCode() == 409 || e.getCode() == 429) {
                throw e;
            }
            String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getMessage();
            return TrainingObservation.blocked("WorkloadRefused", "the API server refused the workers' workload: "
                    + why, false);
        }
    }

    /**
     * The workers' plain Job (and headless Service), created when the run starts. A Job that disappears before the
     * run's verdict (a short ttlSecondsAfterFinished, or deleted by hand) is never created again: that would train
     * a second time into the same output folder.
     */
    private Optional<Job> plainJob(TrainingJob tj, Context<TrainingJob> context) {
        Optional<Job> job = context.getSecondaryResources(Job.class).stream()
                .filter(j -> OwnedChildren.ownedBy(tj, j)).findFirst();
        if (finished(tj)) {
            return job;
        }
        if (job.isPresent()) {
            return Optional.of(followSuspend(tj, job.get()));
        }
        if (tj.getStatus() != null && tj.getStatus().getJobName() != null) {
            // The informer may not have seen a Job this operator just made: only the API server can say it is gone.
            Job live = client.batch().v1().jobs().inNamespace(tj.getMetadata().getNamespace())
                    .withName(tj.getStatus().getJobName()).get();
            if (live != null && OwnedChildren.ownedBy(tj, live)) {
                return Optional.of(followSuspend(tj, live));
            }
            throw new WorkloadGone("the workers' Job " + tj.getStatus().getJobName());
        }
        if (TrainerWorkload.distributed(tj)) {
            client.resource(TrainerWorkload.headlessService(tj)).forceConflicts().serverSideApply();
        }
        return Optional.of(createJob(tj));
    }

    static boolean finished(TrainingJob tj) {
        return tj.getStatus() != null && (tj.getStatus().getPhase() == TrainingJobPhase.Succeeded
                || tj.getStatus().getPhase() == TrainingJobPhase.Failed);
    }

    private TrainingObservation observe(TrainingJob tj, Optional<Job> job, List<Pod> pods) {
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
                for (String candidate : messages) {
                    result = TrainerResult.parse(candidate);
                    if (result.isPresent()) {
                        break;
                    }
                }
                if (result.isPresent()) {
                    registered = Optional.of(registrar.register(tj, result.get()));
                } else if (!messages.isEmpty()) {
                    registrationError = Optional.of("the termination message is no result summary (see the "
                            + "trainer contract): " + messages.get(0));
                } else if (PodTrouble.succeeded(pods, TrainerWorkload.CONTAINER)) {
                    registrationError = Optional.of("the trainer exited 0 but wrote no result summary to "
                            + "/dev/termination-log (see the trainer contract)");
                }
                // else: the Job's verdict arrived before its pods' final state; the next pod event brings it.
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
        return OwnedChildren.createJob(client, tj, TrainerWorkload.job(tj, settings));
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
