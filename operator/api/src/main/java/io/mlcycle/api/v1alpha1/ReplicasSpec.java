package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Serving pods per version: bounds for the autoscaler and the concurrency it aims for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.max) || self.min <= self.max", fieldPath = ".max", message = "replicas.max must be at least replicas.min")
public class ReplicasSpec {

    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Fewest serving pods, 1 to 100.")
    private Integer min = 1;

    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Most serving pods, 1 to 100; unset means min. Above min an autoscaler scales on targetConcurrency.")
    private Integer max;

    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("In-flight requests per pod the autoscaler aims for.")
    private Integer targetConcurrency;

    public Integer getMin() {
        return min;
    }

    public void setMin(Integer min) {
        this.min = min;
    }

    public Integer getMax() {
        return max;
    }

    public void setMax(Integer max) {
        this.max = max;
    }

    public Integer getTargetConcurrency() {
        return targetConcurrency;
    }

    public void setTargetConcurrency(Integer targetConcurrency) {
        this.targetConcurrency = targetConcurrency;
    }
}
