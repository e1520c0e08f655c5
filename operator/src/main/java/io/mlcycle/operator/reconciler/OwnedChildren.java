package io.mlcycle.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.mlcycle.operator.desired.Labels;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which resource a child belongs to, by uid and not only by name: a TrainingJob or ModelVersion deleted and applied
 * again under the same name must never adopt its namesake's Job, JobSet or pods while the garbage collector has not yet
 * removed them (it would register or validate from an older run).
 */
final class OwnedChildren {

    private OwnedChildren() {
    }

    /**
     * The informers a reconciler of {@code owner} kind watches: its Jobs (mapped by owner reference) and their pods
     * (mapped by annotation), both limited to the {@code app.kubernetes.io/component} it creates.
     */
    static <P extends HasMetadata> List<EventSource<?, P>> eventSources(EventSourceContext<P> context, Class<P> owner,
            String component) {
        String selector = Labels.COMPONENT + "=" + component;
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, owner)
                        .withName(component + "-jobs").withLabelSelector(selector).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, owner)
                        .withName(component + "-pods").withLabelSelector(selector)
                        .withSecondaryToPrimaryMapper(OwnedChildren::owner).build(), context));
    }

    /**
     * Creates {@code desired}, or returns it when an earlier reconcile made it and its event has not reached the cache
     * yet; a namesake's leftover (another uid) is never adopted: the reconcile fails and is retried after the garbage
     * collector removed it.
     */
    static Job createJob(KubernetesClient client, HasMetadata owner, Job desired) {
        try {
            return client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            Job existing = client.resource(desired).get();
            if (existing == null || !ownedBy(owner, existing)) {
                throw new IllegalStateException("Job " + desired.getMetadata().getName() + " of an earlier "
                        + owner.getKind() + " of that name still exists; retrying once the garbage collector removed it");
            }
            return existing;
        }
    }

    /** The resource a pod reports to: the full name in its annotation (labels stop at 63 characters). */
    static Set<ResourceID> owner(Pod pod) {
        return Optional.ofNullable(pod.getMetadata().getAnnotations()).map(a -> a.get(Labels.OWNER_NAME))
                .map(name -> Set.of(new ResourceID(name, pod.getMetadata().getNamespace())))
                .orElse(Set.of());
    }

    static List<Pod> of(HasMetadata owner, Collection<Pod> pods) {
        String uid = owner.getMetadata().getUid();
        return pods.stream().filter(p -> p.getMetadata().getLabels() != null
                && uid.equals(p.getMetadata().getLabels().get(Labels.OWNER_UID))).toList();
    }

    static boolean ownedBy(HasMetadata owner, HasMetadata child) {
        return Optional.ofNullable(child.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                .map(OwnerReference::getUid).anyMatch(owner.getMetadata().getUid()::equals);
    }
}
