package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A standard Kubernetes condition (metav1.Condition), documented for kubectl explain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StatusCondition {

    @Required
    @JsonPropertyDescription("Condition type: Ready, Reconciling, Stalled, or a kind-specific one such as Drifted.")
    private String type;

    @Required
    @JsonPropertyDescription("True, False or Unknown.")
    private ConditionStatus status;

    @JsonPropertyDescription("The metadata.generation the condition was set for.")
    private Long observedGeneration;

    @JsonPropertyDescription("When the status last changed (RFC 3339).")
    private String lastTransitionTime;

    @JsonPropertyDescription("Why, as one CamelCase word a program can match on.")
    private String reason;

    @JsonPropertyDescription("Why, in words a person can act on.")
    private String message;

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public ConditionStatus getStatus() {
        return status;
    }

    public void setStatus(ConditionStatus status) {
        this.status = status;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
