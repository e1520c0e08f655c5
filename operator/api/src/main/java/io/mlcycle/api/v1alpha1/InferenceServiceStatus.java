package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where an InferenceService answers, which versions serve which share, and how the last rollout ended. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class InferenceServiceStatus extends MlcycleStatus {

    @JsonPropertyDescription("Pending, Progressing (a rollout is under way), Ready, Degraded or Failed.")
    private InferenceServicePhase phase;

    @JsonPropertyDescription("Base URL of the REST endpoint (Open Inference Protocol).")
    private String url;

    @JsonPropertyDescription("Address of the gRPC endpoint (inference.GRPCInferenceService).")
    private String grpcUrl;

    @JsonPropertyDescription("The version serving most traffic.")
    private VariantStatus stable;

    @JsonPropertyDescription("The version being rolled out, while a rollout is under way.")
    private VariantStatus canary;

    @JsonPropertyDescription("How the most recent rollout ended.")
    private RolloutRecord lastRollout;

    public InferenceServicePhase getPhase() {
        return phase;
    }

    public void setPhase(InferenceServicePhase phase) {
        this.phase = phase;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getGrpcUrl() {
        return grpcUrl;
    }

    public void setGrpcUrl(String grpcUrl) {
        this.grpcUrl = grpcUrl;
    }

    public VariantStatus getStable() {
        return stable;
    }

    public void setStable(VariantStatus stable) {
        this.stable = stable;
    }

    public VariantStatus getCanary() {
        return canary;
    }

    public void setCanary(VariantStatus canary) {
        this.canary = canary;
    }

    public RolloutRecord getLastRollout() {
        return lastRollout;
    }

    public void setLastRollout(RolloutRecord lastRollout) {
        this.lastRollout = lastRollout;
    }
}
