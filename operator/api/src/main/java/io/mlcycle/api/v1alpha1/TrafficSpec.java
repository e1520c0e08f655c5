package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** How traffic reaches the stable and canary versions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.provider == 'gatewayApi' ? has(self.gateway) : !has(self.gateway)",
        fieldPath = ".gateway",
        message = "traffic.gateway is required with provider gatewayApi and not allowed with provider router")
public class TrafficSpec {

    @Default("router")
    @JsonPropertyDescription("router (default, works on any cluster: a router Deployment in front of the revisions splits "
            + "by exact weights, mirrors and counts per variant) or gatewayApi (HTTPRoute weights on a Gateway).")
    private TrafficProvider provider = TrafficProvider.router;

    @JsonPropertyDescription("The Gateway the HTTPRoute attaches to (provider gatewayApi only).")
    private GatewayRef gateway;

    public TrafficProvider getProvider() {
        return provider;
    }

    public void setProvider(TrafficProvider provider) {
        this.provider = provider;
    }

    public GatewayRef getGateway() {
        return gateway;
    }

    public void setGateway(GatewayRef gateway) {
        this.gateway = gateway;
    }
}
