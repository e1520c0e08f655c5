package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** How a new version replaces the stable one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.analysis) || !has(self.analysis.minAgreement) || has(self.mirror)",
        fieldPath = ".analysis.minAgreement",
        message = "rollout.analysis.minAgreement needs rollout.mirror: answers are compared on mirrored copies")
public class RolloutSpec {

    @Size(max = 20)
    @ValidationRule(value = "self.map(s, s.weight).isSorted() && self.all(s, self.exists_one(t, t.weight == s.weight))",
            message = "rollout.steps weights must be strictly increasing, each from 0 to 100 (e.g. 10, 50, 100)")
    @JsonPropertyDescription("Canary steps in order: the share of traffic the new version gets and how long to hold it. "
            + "Empty means the new version takes all traffic once Ready (analysis still applies).")
    private List<RolloutStep> steps;

    @JsonPropertyDescription("Shadow traffic: copies of requests go to the new version, its answers are compared and dropped, "
            + "before it gets any real traffic.")
    private MirrorSpec mirror;

    @Default("{}")
    @JsonPropertyDescription("Checks run on the canary at every interval; a failed check stops the rollout.")
    private AnalysisSpec analysis = new AnalysisSpec();

    @Default("true")
    @JsonPropertyDescription("Promote the canary to stable after the last step passes; false waits for a person.")
    private Boolean autoPromote = true;

    @Default("true")
    @JsonPropertyDescription("Send all traffic back to the stable version when an analysis fails.")
    private Boolean rollbackOnFailure = true;

    public List<RolloutStep> getSteps() {
        return steps;
    }

    public void setSteps(List<RolloutStep> steps) {
        this.steps = steps;
    }

    public MirrorSpec getMirror() {
        return mirror;
    }

    public void setMirror(MirrorSpec mirror) {
        this.mirror = mirror;
    }

    public AnalysisSpec getAnalysis() {
        return analysis;
    }

    public void setAnalysis(AnalysisSpec analysis) {
        this.analysis = analysis;
    }

    public Boolean getAutoPromote() {
        return autoPromote;
    }

    public void setAutoPromote(Boolean autoPromote) {
        this.autoPromote = autoPromote;
    }

    public Boolean getRollbackOnFailure() {
        return rollbackOnFailure;
    }

    public void setRollbackOnFailure(Boolean rollbackOnFailure) {
        this.rollbackOnFailure = rollbackOnFailure;
    }
}
