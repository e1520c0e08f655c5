package io.mlcycle.operator.reconciler;

import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

/**
 * Which updates of a resource start a reconcile: a new generation (spec), a deletion, or a changed value of the one
 * annotation a person acts through. Generation-aware processing alone would drop the annotation (metadata does not
 * bump the generation); status writes, the operator's own, start nothing.
 */
abstract class SpecOrAnnotationChanged<R extends HasMetadata> implements OnUpdateFilter<R> {

    private final String annotation;

    SpecOrAnnotationChanged(String annotation) {
        this.annotation = annotation;
    }

    @Override
    public boolean accept(R updated, R old) {
        return !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
                || updated.getMetadata().getDeletionTimestamp() != null
                || !Objects.equals(value(updated), value(old));
    }

    private Optional<String> value(R resource) {
        return Optional.ofNullable(resource.getMetadata().getAnnotations()).map(a -> a.get(annotation));
    }
}
