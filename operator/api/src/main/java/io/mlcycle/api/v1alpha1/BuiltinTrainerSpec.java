package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** Settings of the project's own trainer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.features) || !(self.target in self.features)",
        fieldPath = ".features",
        message = "builtin.features must not contain the target column")
public class BuiltinTrainerSpec {

    @Required
    @JsonPropertyDescription("Algorithm: xgboost (gradient-boosted trees, served as xgboost), mlp (a DJL multilayer perceptron) or linear "
            + "(the same network without hidden layers: linear or logistic regression); mlp and linear are served as pytorch.")
    private BuiltinAlgorithm algorithm;

    @Default("classification")
    @JsonPropertyDescription("classification or regression.")
    private TrainingTask task = TrainingTask.classification;

    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Column of the dataset to predict.")
    private String target;

    @Size(max = 256)
    @JsonPropertyDescription("Columns used as inputs; empty means every column except the target.")
    private List<String> features;

    @Size(max = 64)
    @JsonPropertyDescription("Hyperparameters of the algorithm as strings, e.g. max_depth: \"6\", eta: \"0.3\", epochs: \"20\".")
    private Map<String, String> hyperparameters;

    public BuiltinAlgorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(BuiltinAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    public TrainingTask getTask() {
        return task;
    }

    public void setTask(TrainingTask task) {
        this.task = task;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public Map<String, String> getHyperparameters() {
        return hyperparameters;
    }

    public void setHyperparameters(Map<String, String> hyperparameters) {
        this.hyperparameters = hyperparameters;
    }

    public List<String> getFeatures() {
        return features;
    }

    public void setFeatures(List<String> features) {
        this.features = features;
    }
}
