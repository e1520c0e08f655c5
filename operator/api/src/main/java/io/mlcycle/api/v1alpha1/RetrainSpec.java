package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Retraining on drift: the TrainingJob to create and the limits on how often. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrainSpec {

    @Required
    @JsonPropertyDescription("The TrainingJob to create; its name is generated from the monitor's.")
    private TrainingJobTemplate template;

    @Default("1h")
    @Size(max = 32)
    @ValidationRule(value = ApiConstraints.DURATION_RULE, message = ApiConstraints.DURATION_MESSAGE)
    @JsonPropertyDescription("Shortest time between two retrains, e.g. 1h.")
    private String cooldown = "1h";

    @Default("{}")
    @JsonPropertyDescription("How the retrained ModelVersion is approved: Manual (a person) or Auto (the champion-vs-"
            + "challenger gate).")
    private RetrainApproval approval = new RetrainApproval();

    @Default("1")
    @Min(1)
    @Max(10)
    @JsonPropertyDescription("Most retraining TrainingJobs of this monitor running at once.")
    private Integer maxConcurrent = 1;

    public TrainingJobTemplate getTemplate() {
        return template;
    }

    public void setTemplate(TrainingJobTemplate template) {
        this.template = template;
    }

    public String getCooldown() {
        return cooldown;
    }

    public void setCooldown(String cooldown) {
        this.cooldown = cooldown;
    }

    public Integer getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(Integer maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    public RetrainApproval getApproval() {
        return approval;
    }

    public void setApproval(RetrainApproval approval) {
        this.approval = approval;
    }
}
