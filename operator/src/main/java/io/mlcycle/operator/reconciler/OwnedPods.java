package io.mlcycle.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
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
final class OwnedPods {

    private OwnedPods() {
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
