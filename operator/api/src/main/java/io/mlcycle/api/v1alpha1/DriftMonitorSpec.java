package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What to watch, how to test it, when to call it drift, and what to do then. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftMonitorSpec {

    @Required
    @Size(min = 1, max = 63)
    @ValidationRule(value = ApiConstraints.NAME_RULE, message = ApiConstraints.NAME_MESSAGE)
    @JsonPropertyDescription("Name of the InferenceService (same namespace) whose traffic is watched.")
    private String inferenceService;

    @JsonPropertyDescription("Which features to test; unset means every feature of the served ModelVersion.")
    private FeatureSelector features;

    @Default("{}")
    @JsonPropertyDescription("Statistical tests and thresholds; the defaults follow Evidently's so results can be compared.")
    private DriftTestsSpec tests = new DriftTestsSpec();

    @Default("{}")
    @JsonPropertyDescription("How much traffic makes one evaluation, and how often it runs.")
    private WindowSpec window = new WindowSpec();

    @Default("{}")
    @JsonPropertyDescription("When the monitor calls it drift: share of drifted features, for how many windows in a row.")
    private TriggerSpec trigger = new TriggerSpec();

    @JsonPropertyDescription("What happens on drift: alerts always, and a retraining TrainingJob if retrain is set.")
    private DriftActionSpec action;

    public String getInferenceService() {
        return inferenceService;
    }

    public void setInferenceService(String inferenceService) {
        this.inferenceService = inferenceService;
    }

    public FeatureSelector getFeatures() {
        return features;
    }

    public void setFeatures(FeatureSelector features) {
        this.features = features;
    }

    public DriftTestsSpec getTests() {
        return tests;
    }

    public void setTests(DriftTestsSpec tests) {
        this.tests = tests;
    }

    public WindowSpec getWindow() {
        return window;
    }

    public void setWindow(WindowSpec window) {
        this.window = window;
    }

    public TriggerSpec getTrigger() {
        return trigger;
    }

    public void setTrigger(TriggerSpec trigger) {
        this.trigger = trigger;
    }

    public DriftActionSpec getAction() {
        return action;
    }

    public void setAction(DriftActionSpec action) {
        this.action = action;
    }
}
