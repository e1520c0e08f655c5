package io.mlcycle.operator.reconciler;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mlcycle.api.v1alpha1.ConditionStatus;
import io.mlcycle.api.v1alpha1.MlcycleStatus;
import io.mlcycle.api.v1alpha1.StatusCondition;
import io.mlcycle.operator.status.ConditionSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A Kubernetes Event for every transition: each time the Ready condition's status or reason changes, with its
 * message; Warning when the new state is Stalled. {@code kubectl describe} and {@code kubectl get events} show them.
 */
final class TransitionEvents {

    private static final Logger LOG = Logger.getLogger(TransitionEvents.class);
    static final String COMPONENT = "mlcycle-operator";

    private final KubernetesClient client;

    TransitionEvents(KubernetesClient client) {
        this.client = client;
    }

    void record(HasMetadata resource, MlcycleStatus before, MlcycleStatus after) {
        Optional<StatusCondition> was = ready(before);
        Optional<StatusCondition> now = ready(after);
        if (now.isEmpty() || (was.isPresent() && was.get().getStatus() == now.get().getStatus()
                && Objects.equals(was.get().getReason(), now.get().getReason()))) {
            return;
        }
        boolean stalled = after.getConditions().stream().anyMatch(c -> ConditionSet.STALLED.equals(c.getType())
                && c.getStatus() == ConditionStatus.True);
        emit(resource, stalled ? "Warning" : "Normal", now.get().getReason(), now.get().getMessage());
    }

    void emit(HasMetadata resource, String type, String reason, String message) {
        String time = Instant.now().toString();
        try {
            client.v1().events().inNamespace(resource.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(resource.getMetadata().getName() + ".").endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(resource.getApiVersion())
                            .withKind(resource.getKind()).withName(resource.getMetadata().getName())
                            .withNamespace(resource.getMetadata().getNamespace())
                            .withUid(resource.getMetadata().getUid())
                            .withResourceVersion(resource.getMetadata().getResourceVersion()).build())
                    .withType(type).withReason(reason)
                    .withMessage(message == null ? "" : message.length() > 1000 ? message.substring(0, 1000) : message)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT)
                    .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy: a refused one must not fail the reconcile that caused it.
            LOG.warnf("could not record event %s on %s/%s: %s", reason, resource.getKind(),
                    resource.getMetadata().getName(), e.getMessage());
        }
    }

    private static Optional<StatusCondition> ready(MlcycleStatus status) {
        return status == null ? Optional.empty() : Optional.ofNullable(status.getConditions()).stream()
                .flatMap(List::stream).filter(c -> ConditionSet.READY.equals(c.getType())).findFirst();
    }
}
