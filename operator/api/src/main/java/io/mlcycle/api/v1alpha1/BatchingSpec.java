package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Dynamic batching limits: how many requests to merge and how long the first may wait. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BatchingSpec {

    @Default("1")
    @Min(1)
    @Max(1024)
    @JsonPropertyDescription("Most rows (a request of n rows counts n) merged into one engine call; 1 turns batching off.")
    private Integer maxBatchSize = 1;

    @Default("5ms")
    @Size(max = 32)
    @ValidationRule(value = ApiConstraints.DURATION_RULE, message = ApiConstraints.DURATION_MESSAGE)
    @JsonPropertyDescription("Longest time the first request of a batch waits for others, e.g. 2ms.")
    private String maxDelay = "5ms";

    public Integer getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(Integer maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public String getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(String maxDelay) {
        this.maxDelay = maxDelay;
    }
}
