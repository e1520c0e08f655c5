package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** How drift is announced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertSpec {

    @Default("true")
    @JsonPropertyDescription("Record a Warning Event on the monitor and the InferenceService when drift is declared.")
    private Boolean events = true;

    public Boolean getEvents() {
        return events;
    }

    public void setEvents(Boolean events) {
        this.events = events;
    }
}
