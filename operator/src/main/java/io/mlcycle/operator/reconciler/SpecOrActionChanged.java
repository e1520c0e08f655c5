package io.mlcycle.operator.reconciler;

import java.util.Objects;
import java.util.Optional;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.operator.rollout.RolloutAction;

/**
 * Which updates of an InferenceService start a reconcile: a new generation (spec), a deletion, or a changed
 * rollout-action annotation. Generation-aware processing alone would drop the annotation (metadata does not bump the
 * generation); status writes, the operator's own, start nothing.
 */
public class SpecOrActionChanged implements OnUpdateFilter<InferenceService> {

    @Override
    public boolean accept(InferenceService updated, InferenceService old) {
        return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
                || updated.getMetadata().getDeletionTimestamp() != null
                || !Objects.equals(action(updated), action(old));
    }

    private static Optional<String> action(InferenceService service) {
        return Optional.ofNullable(service.getMetadata().getAnnotations()).map(a -> a.get(RolloutAction.ANNOTATION));
    }
}
