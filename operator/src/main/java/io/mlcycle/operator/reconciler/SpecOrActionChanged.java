package io.mlcycle.operator.reconciler;

import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.operator.rollout.RolloutAction;

/** An InferenceService's spec, deletion or rollout-action annotation (promote, abort, pause, resume) changed. */
public class SpecOrActionChanged extends SpecOrAnnotationChanged<InferenceService> {

    public SpecOrActionChanged() {
        super(RolloutAction.ANNOTATION);
    }
}
