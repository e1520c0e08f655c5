package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** Where a model version came from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LineageSpec {

    @Size(max = 253)
    @JsonPropertyDescription("Name of the TrainingJob that produced it.")
    private String trainingJob;

    @JsonPropertyDescription("The dataset it was trained on.")
    private DatasetSpec dataset;

    @Size(max = 63)
    @JsonPropertyDescription("Version it was retrained from, if any.")
    private String parentVersion;

    public String getTrainingJob() {
        return trainingJob;
    }

    public void setTrainingJob(String trainingJob) {
        this.trainingJob = trainingJob;
    }

    public DatasetSpec getDataset() {
        return dataset;
    }

    public void setDataset(DatasetSpec dataset) {
        this.dataset = dataset;
    }

    public String getParentVersion() {
        return parentVersion;
    }

    public void setParentVersion(String parentVersion) {
        this.parentVersion = parentVersion;
    }
}
