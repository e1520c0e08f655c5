package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Shadow traffic sent to the new version before it serves real requests. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MirrorSpec {

    @Default("100")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Percent of requests copied to the new version, 1 to 100.")
    private Integer percent = 100;

    @Required
    @Size(max = 32)
    @ValidationRule(value = ApiConstraints.DURATION_RULE, message = ApiConstraints.DURATION_MESSAGE)
    @JsonPropertyDescription("How long to mirror before the first step, e.g. 10m.")
    private String duration;

    public Integer getPercent() {
        return percent;
    }

    public void setPercent(Integer percent) {
        this.percent = percent;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }
}
