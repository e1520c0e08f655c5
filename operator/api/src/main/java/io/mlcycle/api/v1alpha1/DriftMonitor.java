package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Compares what an InferenceService is asked with its model's training data, and retrains when they part. */
@Group(MlcycleApi.GROUP)
@Version(MlcycleApi.VERSION)
@ShortNames({"dm", "drift"})
@Categories(MlcycleApi.CATEGORY)
@AdditionalPrinterColumn(name = "SERVICE", jsonPath = ".spec.inferenceService", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "DRIFTED", jsonPath = ".status.conditions[?(@.type==\"Drifted\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SHARE", jsonPath = ".status.lastEvaluation.driftShare", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "SAMPLES", jsonPath = ".status.lastEvaluation.samples", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "LAST-RETRAIN", jsonPath = ".status.lastRetrain.trainingJob", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REASON", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DriftMonitor extends CustomResource<DriftMonitorSpec, DriftMonitorStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("What to watch, how to test it, when to call it drift and what to do then.")
    public DriftMonitorSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state, written by the operator: last evaluation, breaches, last retrain, conditions.")
    public DriftMonitorStatus getStatus() {
        return super.getStatus();
    }
}
