package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A Gateway API Gateway that an InferenceService's HTTPRoute attaches to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewayRef {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Name of the Gateway.")
    private String name;

    @Size(min = 1, max = 63)
    @ValidationRule(value = ApiConstraints.NAME_RULE, message = ApiConstraints.NAME_MESSAGE)
    @JsonPropertyDescription("Namespace of the Gateway; unset means the InferenceService's namespace.")
    private String namespace;

    @Size(max = 253)
    @JsonPropertyDescription("Host name the route matches, e.g. iris.example.com; unset matches all.")
    private String hostname;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }
}
