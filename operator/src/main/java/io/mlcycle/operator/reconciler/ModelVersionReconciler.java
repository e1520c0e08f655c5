package io.mlcycle.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionStatus;
import io.mlcycle.operator.config.OperatorConfig;
import io.mlcycle.operator.config.OperatorSettings;
import io.mlcycle.operator.desired.LabelValues;
import io.mlcycle.operator.desired.Labels;
import io.mlcycle.operator.desired.ValidationWorkload;
import io.mlcycle.operator.status.ModelVersionStatusDerivation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ModelVersion: label it with its model, validate its artifact once with the runtime's validate mode, and write
 * Ready or Failed (with the runtime's reason) and the approval condition.
 */
@ControllerConfiguration(name = "modelversion")
public class ModelVersionReconciler implements Reconciler<ModelVersion> {

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final TransitionEvents events;
    private final ReconcileMetrics metrics;

    public ModelVersionReconciler(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        this.client = client;
        this.settings = config.settings();
        this.events = new TransitionEvents(client);
        this.metrics = new ReconcileMetrics(registry, "ModelVersion");
    }

    @Override
    public List<EventSource<?, ModelVersion>> prepareEventSources(EventSourceContext<ModelVersion> context) {
        return OwnedChildren.eventSources(context, ModelVersion.class, "validation");
    }

    @Override
    public UpdateControl<ModelVersion> reconcile(ModelVersion version, Context<ModelVersion> context) {
        return metrics.time(() -> reconcileTimed(version, context), UpdateControl::isPatchStatus);
    }

    private UpdateControl<ModelVersion> reconcileTimed(ModelVersion version, Context<ModelVersion> context) {
        labelWithModel(version);
        ModelVersionStatus previous = version.getStatus();
        Optional<Job> job = context.getSecondaryResources(Job.class).stream()
                .filter(j -> OwnedChildren.ownedBy(version, j)).findFirst();
        if (job.isEmpty() && !ModelVersionStatusDerivation.concluded(version)) {
            job = Optional.of(createJob(version));
        }
        List<Pod> pods = OwnedChildren.of(version, context.getSecondaryResources(Pod.class));
        ModelVersionStatus status = ModelVersionStatusDerivation.derive(version, job, pods, Instant.now());
        if (!StatusWrites.changed(client, previous, status)) {
            return UpdateControl.noUpdate();
        }
        events.record(version, previous, status);
        version.setStatus(status);
        return UpdateControl.patchStatus(version);
    }

    /**
     * {@code kubectl get mv -l mlcycle.io/model=<name>} lists a model's versions, also those a person registered
     * without the label. Only metadata is patched, never spec.
     */
    private void labelWithModel(ModelVersion version) {
        String model = LabelValues.fit(version.getSpec().getModel());
        Map<String, String> labels = version.getMetadata().getLabels();
        if (labels != null && model.equals(labels.get(Labels.MODEL))) {
            return;
        }
        ModelVersion patched = client.resources(ModelVersion.class).inNamespace(version.getMetadata().getNamespace())
                .withName(version.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"" + Labels.MODEL + "\":\"" + model + "\"}}}");
        // The status patch that follows must not carry the resourceVersion this patch just made stale.
        version.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
    }

    private Job createJob(ModelVersion version) {
        return OwnedChildren.createJob(client, version, ValidationWorkload.job(version, settings));
    }
}
