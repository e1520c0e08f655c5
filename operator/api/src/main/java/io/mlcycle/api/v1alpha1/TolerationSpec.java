package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A toleration of a node taint, as in a Pod spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.operator) || self.operator != 'Exists' || !has(self.value)",
        fieldPath = ".value", message = "a toleration with operator Exists must not set value")
public class TolerationSpec {

    @Size(max = 317)
    @JsonPropertyDescription("Taint key to tolerate, e.g. nvidia.com/gpu; empty with operator Exists tolerates every taint.")
    private String key;

    @JsonPropertyDescription("Equal (the default: key and value must match) or Exists (any value).")
    private TolerationOperator operator;

    @Size(max = 63)
    @JsonPropertyDescription("Taint value to match with operator Equal.")
    private String value;

    @JsonPropertyDescription("Taint effect to tolerate: NoSchedule, PreferNoSchedule or NoExecute; empty means all.")
    private TaintEffect effect;

    @JsonPropertyDescription("With effect NoExecute: seconds the pod stays bound after the taint appears; unset means forever.")
    private Long tolerationSeconds;

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public TolerationOperator getOperator() {
        return operator;
    }

    public void setOperator(TolerationOperator operator) {
        this.operator = operator;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public TaintEffect getEffect() {
        return effect;
    }

    public void setEffect(TaintEffect effect) {
        this.effect = effect;
    }

    public Long getTolerationSeconds() {
        return tolerationSeconds;
    }

    public void setTolerationSeconds(Long tolerationSeconds) {
        this.tolerationSeconds = tolerationSeconds;
    }
}
