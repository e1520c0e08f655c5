package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** How a retrained ModelVersion is approved: by a person, or when it beats the served model on the new data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrainApproval {

    @Default("Manual")
    @JsonPropertyDescription("Manual: the version waits Pending for a person (spec.approval in Git or with kubectl). "
            + "Auto: Approved when it beats the version it retrains (the champion) on the new data's validation "
            + "split, both scored by the trainer; otherwise it stays Pending with both figures in its metrics.")
    private RetrainApprovalPolicy policy = RetrainApprovalPolicy.Manual;

    @Size(max = 63)
    @Pattern("^[a-z][a-z0-9_]*$")
    @JsonPropertyDescription("Validation metric the gate compares, e.g. auc, accuracy, f1, rmse (lower is better for "
            + "rmse, mae and logloss); unset: auc, else accuracy, else rmse, the first both models have.")
    private String metric;

    @Default("0.0")
    @Min(0)
    @JsonPropertyDescription("How much better the new model must be, in the metric's units; 0: better at all.")
    private Double minImprovement = 0.0;

    public RetrainApprovalPolicy getPolicy() {
        return policy;
    }

    public void setPolicy(RetrainApprovalPolicy policy) {
        this.policy = policy;
    }

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public Double getMinImprovement() {
        return minImprovement;
    }

    public void setMinImprovement(Double minImprovement) {
        this.minImprovement = minImprovement;
    }
}
