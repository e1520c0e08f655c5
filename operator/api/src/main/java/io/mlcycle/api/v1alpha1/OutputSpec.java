package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a TrainingJob writes its result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OutputSpec {

    @Required
    @Size(min = 1, max = 2048)
    @ValidationRule(value = ApiConstraints.URI_RULE, message = ApiConstraints.URI_MESSAGE)
    @JsonPropertyDescription("Folder URI the trainer writes to; each run writes under a sub-folder named after the TrainingJob.")
    private String uri;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }
}
