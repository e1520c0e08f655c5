package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An environment variable of a custom trainer: a literal value or a key of a Secret or ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!(has(self.value) && has(self.valueFrom))",
        message = "an env entry sets value or valueFrom, not both")
public class EnvVarSpec {

    @Required
    @Size(min = 1, max = 256)
    @ValidationRule(value = "self.matches('^[-._a-zA-Z][-._a-zA-Z0-9]*$')",
            message = "must be an environment variable name: letters, digits, '_', '-' or '.', not starting with a digit")
    @JsonPropertyDescription("Variable name.")
    private String name;

    @JsonPropertyDescription("Literal value.")
    private String value;

    @JsonPropertyDescription("Value read from a key of a Secret or a ConfigMap.")
    private EnvVarSource valueFrom;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public EnvVarSource getValueFrom() {
        return valueFrom;
    }

    public void setValueFrom(EnvVarSource valueFrom) {
        this.valueFrom = valueFrom;
    }
}
