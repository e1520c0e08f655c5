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
    private final ReconcileMetrics metrics;

    public TrainingJobReconciler(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        this.client = client;
        this.settings = config.settings();
        this.progressInterval = config.progressInterval();
        this.registrar = new ModelVersionRegistrar(client, settings);
        this.logs = new TrainerLogs(client);
        this.events = new TransitionEvents(client);
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
        TrainingObservation seen = tj.getSpec().getRuntime() == TrainingRuntime.Job || tj.getSpec().getRuntime() == null
                ? observe(tj, context) : TrainingObservation.nothing();
        TrainingJobStatus status = TrainingJobStatusDerivation.derive(tj, seen, Instant.now());
        events.record(tj, previous, status);
        UpdateControl<TrainingJob> control;
        if (StatusWrites.changed(client, previous, status)) {
            tj.setStatus(status);
            control = UpdateControl.patchStatus(tj);
        } else {
            control = UpdateControl.noUpdate();
        }
        return status.getPhase() == TrainingJobPhase.Running ? control.rescheduleAfter(progressInterval) : control;
    }

    private TrainingObservation observe(TrainingJob tj, Context<TrainingJob> context) {
        Optional<Job> job = context.getSecondaryResource(Job.class);
        boolean finished = tj.getStatus() != null && (tj.getStatus().getPhase() == TrainingJobPhase.Succeeded
                || tj.getStatus().getPhase() == TrainingJobPhase.Failed);
        if (job.isEmpty() && !finished) {
            if (TrainerWorkload.distributed(tj)) {
                client.resource(TrainerWorkload.headlessService(tj)).forceConflicts().serverSideApply();
            }
            job = Optional.of(createJob(tj));
        } else if (job.isPresent() && !finished) {
            job = Optional.of(followSuspend(tj, job.get()));
        }
        String jobName = job.map(j -> j.getMetadata().getName()).orElse(null);
        List<Pod> pods = context.getSecondaryResources(Pod.class).stream()
                .filter(p -> jobName != null && jobName.equals(p.getMetadata().getLabels().get("job-name")))
                .toList();
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
