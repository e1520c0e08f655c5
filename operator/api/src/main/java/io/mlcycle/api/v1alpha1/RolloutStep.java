package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One canary step: a traffic weight held for a while. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStep {

    @Required
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Percent of traffic sent to the new version, 0 to 100.")
    private Integer weight;

    @Size(max = 32)
    @ValidationRule(value = ApiConstraints.DURATION_RULE, message = ApiConstraints.DURATION_MESSAGE)
    @JsonPropertyDescription("How long to hold this weight before the next step (analysis runs meanwhile); unset means one analysis interval.")
    private String pause;

    public Integer getWeight() {
        return weight;
    }

    public void setWeight(Integer weight) {
        this.weight = weight;
    }

    public String getPause() {
        return pause;
    }

    public void setPause(String pause) {
        this.pause = pause;
    }
}
