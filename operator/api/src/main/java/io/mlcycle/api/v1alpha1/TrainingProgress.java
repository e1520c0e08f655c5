package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How far a running trainer is: the last progress line it printed (step of steps, loss, validation metric). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingProgress {

    @JsonPropertyDescription("Steps done (boosting rounds or epochs).")
    private Long step;

    @JsonPropertyDescription("Steps in all, when the trainer knows it.")
    private Long steps;

    @JsonPropertyDescription("What a step is: round or epoch.")
    private String unit;

    @JsonPropertyDescription("Training loss after the last step.")
    private Double loss;

    @JsonPropertyDescription("Name of the validation metric reported, e.g. logloss or rmse.")
    private String metric;

    @JsonPropertyDescription("Value of the validation metric after the last step.")
    private Double value;

    public Long getStep() {
        return step;
    }

    public void setStep(Long step) {
        this.step = step;
    }

    public Long getSteps() {
        return steps;
    }

    public void setSteps(Long steps) {
        this.steps = steps;
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    public Double getLoss() {
        return loss;
    }

    public void setLoss(Double loss) {
        this.loss = loss;
    }

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public Double getValue() {
        return value;
    }

    public void setValue(Double value) {
        this.value = value;
    }
}
