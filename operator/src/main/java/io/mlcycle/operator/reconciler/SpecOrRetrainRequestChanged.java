package io.mlcycle.operator.reconciler;

import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.operator.drift.BreachTrigger;

/** A DriftMonitor's spec, deletion or retrain-request annotation changed: a request is answered now, not next window. */
public class SpecOrRetrainRequestChanged extends SpecOrAnnotationChanged<DriftMonitor> {

    public SpecOrRetrainRequestChanged() {
        super(BreachTrigger.REQUEST);
    }
}
