package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where an environment variable's value comes from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.secretKeyRef) != has(self.configMapKeyRef)",
        message = "valueFrom sets exactly one of secretKeyRef or configMapKeyRef")
public class EnvVarSource {

    @JsonPropertyDescription("A key of a Secret in the same namespace.")
    private KeyReference secretKeyRef;

    @JsonPropertyDescription("A key of a ConfigMap in the same namespace.")
    private KeyReference configMapKeyRef;

    public KeyReference getSecretKeyRef() {
        return secretKeyRef;
    }

    public void setSecretKeyRef(KeyReference secretKeyRef) {
        this.secretKeyRef = secretKeyRef;
    }

    public KeyReference getConfigMapKeyRef() {
        return configMapKeyRef;
    }

    public void setConfigMapKeyRef(KeyReference configMapKeyRef) {
        this.configMapKeyRef = configMapKeyRef;
    }
}
