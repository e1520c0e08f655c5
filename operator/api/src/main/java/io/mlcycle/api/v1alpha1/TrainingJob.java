package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Runs training as Kubernetes Jobs and records the result as a ModelVersion. */
@Group(MlcycleApi.GROUP)
@Version(MlcycleApi.VERSION)
@ShortNames({"tj", "tjob"})
@Categories(MlcycleApi.CATEGORY)
@AdditionalPrinterColumn(name = "MODEL", jsonPath = ".spec.model", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "WORKERS", jsonPath = ".status.workers.active", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "STEP", jsonPath = ".status.progress.step", type = AdditionalPrinterColumn.Type.INTEGER, priority = 1)
@AdditionalPrinterColumn(name = "VERSION", jsonPath = ".status.modelVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REASON", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class TrainingJob extends CustomResource<TrainingJobSpec, TrainingJobStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("What to train, on which data, where the result goes, and with which resources.")
    public TrainingJobSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state, written by the operator: phase, workers, metrics and the ModelVersion produced.")
    public TrainingJobStatus getStatus() {
        return super.getStatus();
    }
}
