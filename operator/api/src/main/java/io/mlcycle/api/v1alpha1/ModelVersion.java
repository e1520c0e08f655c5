package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One registered version of a model: its artifact, signature, reference profile, lineage and approval. */
@Group(MlcycleApi.GROUP)
@Version(MlcycleApi.VERSION)
@ShortNames({"mv", "mver"})
@Categories(MlcycleApi.CATEGORY)
@AdditionalPrinterColumn(name = "MODEL", jsonPath = ".spec.model", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "VERSION", jsonPath = ".spec.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "FORMAT", jsonPath = ".spec.format", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "METRIC", jsonPath = ".status.metric", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "APPROVAL", jsonPath = ".spec.approval", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REASON", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ModelVersion extends CustomResource<ModelVersionSpec, ModelVersionStatus> implements Namespaced {

    @Override
    @JsonPropertyDescription("The registered version: model, version, format, artifact, signature, features, reference profile, lineage and approval.")
    public ModelVersionSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Observed state, written by the operator: validation result and where it is served.")
    public ModelVersionStatus getStatus() {
        return super.getStatus();
    }
}
