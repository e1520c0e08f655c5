package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** What a DriftMonitor does when it declares drift. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftActionSpec {

    @JsonPropertyDescription("Create a TrainingJob from this template; its result registers a new ModelVersion.")
    private RetrainSpec retrain;

    @Default("{}")
    @JsonPropertyDescription("Alerts: Kubernetes Events and Prometheus metrics.")
    private AlertSpec alert = new AlertSpec();

    public RetrainSpec getRetrain() {
        return retrain;
    }

    public void setRetrain(RetrainSpec retrain) {
        this.retrain = retrain;
    }

    public AlertSpec getAlert() {
        return alert;
    }

    public void setAlert(AlertSpec alert) {
        this.alert = alert;
    }
}
