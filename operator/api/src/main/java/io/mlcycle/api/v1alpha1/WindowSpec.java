package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The evaluation window: how often and with how many samples at least. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WindowSpec {

    @Default("500")
    @Min(1)
    @JsonPropertyDescription("Fewest rows (samples) a window needs; with fewer it goes on collecting for another "
            + "interval.")
    private Integer minSamples = 500;

    @Default("5m")
    @Size(max = 32)
    @ValidationRule(value = ApiConstraints.DURATION_RULE, message = ApiConstraints.DURATION_MESSAGE)
    @JsonPropertyDescription("How often sketches are pulled from the serving pods and tested, e.g. 5m.")
    private String interval = "5m";

    public Integer getMinSamples() {
        return minSamples;
    }

    public void setMinSamples(Integer minSamples) {
        this.minSamples = minSamples;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }
}
