package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Which model to serve, how, on how many pods, and how new versions roll out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.rollout) || !has(self.rollout.analysis) || !has(self.rollout.analysis.minAgreement)"
        + " || !has(self.traffic) || self.traffic.provider == 'router'",
        fieldPath = ".rollout.analysis.minAgreement",
        message = "rollout.analysis.minAgreement needs traffic.provider router: only the router sees both answers")
public class InferenceServiceSpec {

    @Required
    @JsonPropertyDescription("The model to serve: a pinned version, or a track that follows the newest Ready and Approved version.")
    private ModelSelector model;

    @Default("{}")
    @JsonPropertyDescription("Settings of the inference runtime: engine, dynamic batching, threads, protocols.")
    private RuntimeSpec runtime = new RuntimeSpec();

    @Default("{}")
    @JsonPropertyDescription("How many serving pods: min, max, and the concurrency per pod that the autoscaler aims for.")
    private ReplicasSpec replicas = new ReplicasSpec();

    @JsonPropertyDescription("CPU, memory and GPUs for each serving pod.")
    private ResourcesSpec resources;

    @JsonPropertyDescription("Where serving pods may run, e.g. GPU nodes.")
    private SchedulingSpec scheduling;

    @Default("{}")
    @JsonPropertyDescription("How a new version replaces the stable one: mirror, weighted steps, analysis, promotion or rollback.")
    private RolloutSpec rollout = new RolloutSpec();

    @Default("{}")
    @JsonPropertyDescription("How traffic is split between stable and canary.")
    private TrafficSpec traffic = new TrafficSpec();

    public ModelSelector getModel() {
        return model;
    }

    public void setModel(ModelSelector model) {
        this.model = model;
    }

    public RuntimeSpec getRuntime() {
        return runtime;
    }

    public void setRuntime(RuntimeSpec runtime) {
        this.runtime = runtime;
    }

    public ReplicasSpec getReplicas() {
        return replicas;
    }

    public void setReplicas(ReplicasSpec replicas) {
        this.replicas = replicas;
    }

    public ResourcesSpec getResources() {
        return resources;
    }

    public void setResources(ResourcesSpec resources) {
        this.resources = resources;
    }

    public SchedulingSpec getScheduling() {
        return scheduling;
    }

    public void setScheduling(SchedulingSpec scheduling) {
        this.scheduling = scheduling;
    }

    public RolloutSpec getRollout() {
        return rollout;
    }

    public void setRollout(RolloutSpec rollout) {
        this.rollout = rollout;
    }

    public TrafficSpec getTraffic() {
        return traffic;
    }

    public void setTraffic(TrafficSpec traffic) {
        this.traffic = traffic;
    }
}
