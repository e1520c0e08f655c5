package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** When a monitor declares drift. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TriggerSpec {

    @Default("0.5")
    @Min(value = 0, inclusive = false)
    @Max(1)
    @JsonPropertyDescription("Share of tested features that must drift for the window to count as drifted, above 0 up to 1 "
            + "(Evidently's dataset drift uses 0.5).")
    private Double driftShare = 0.5;

    @Default("2")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Drifted windows in a row before the monitor acts.")
    private Integer consecutiveWindows = 2;

    public Double getDriftShare() {
        return driftShare;
    }

    public void setDriftShare(Double driftShare) {
        this.driftShare = driftShare;
    }

    public Integer getConsecutiveWindows() {
        return consecutiveWindows;
    }

    public void setConsecutiveWindows(Integer consecutiveWindows) {
        this.consecutiveWindows = consecutiveWindows;
    }
}
