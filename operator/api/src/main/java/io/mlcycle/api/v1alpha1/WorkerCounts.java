package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Numbers of a TrainingJob's worker pods by state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerCounts {

    @JsonPropertyDescription("Workers running now.")
    private Integer active;

    @JsonPropertyDescription("Workers that finished successfully.")
    private Integer succeeded;

    @JsonPropertyDescription("Worker pods that failed (retries included).")
    private Integer failed;

    public Integer getActive() {
        return active;
    }

    public void setActive(Integer active) {
        this.active = active;
    }

    public Integer getSucceeded() {
        return succeeded;
    }

    public void setSucceeded(Integer succeeded) {
        this.succeeded = succeeded;
    }

    public Integer getFailed() {
        return failed;
    }

    public void setFailed(Integer failed) {
        this.failed = failed;
    }
}
