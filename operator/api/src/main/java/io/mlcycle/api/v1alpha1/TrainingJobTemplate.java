package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** Labels, annotations and spec of the TrainingJobs a DriftMonitor creates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingJobTemplate {

    @JsonPropertyDescription("Labels put on each created TrainingJob.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations put on each created TrainingJob.")
    private Map<String, String> annotations;

    @Required
    @JsonPropertyDescription("Spec of each created TrainingJob.")
    private TrainingJobSpec spec;

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public TrainingJobSpec getSpec() {
        return spec;
    }

    public void setSpec(TrainingJobSpec spec) {
        this.spec = spec;
    }
}
