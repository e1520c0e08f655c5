package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Serves a ModelVersion over the Open Inference Protocol and rolls new versions out behind a canary. */
@Group(MlcycleApi.GROUP)
@Version(MlcycleApi.VERSION)
@ShortNames({"mlisvc", "mlis"})
@Categories(MlcycleApi.CATEGORY)
@AdditionalPrinterColumn(name = "MODEL", jsonPath = ".spec.model.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "STABLE", jsonPath = ".status.stable.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "CANARY", jsonPath = ".status.canary.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "WEIGHT", jsonPath = ".status.canary.weight", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REASON", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class InferenceService extends CustomResource<InferenceServiceSpec, InferenceServiceStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("The desired serving: model, runtime, replicas, resources, scheduling, rollout and traffic.")
    public InferenceServiceSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state, written by the operator: URLs, stable and canary versions, last rollout, conditions.")
    public InferenceServiceStatus getStatus() {
        return super.getStatus();
    }
}
