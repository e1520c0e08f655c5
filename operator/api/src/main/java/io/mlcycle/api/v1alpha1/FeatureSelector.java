package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Features to test, by inclusion or exclusion. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.include) || !has(self.exclude) || self.include.all(f, !(f in self.exclude))",
        message = "features.include and features.exclude must not name the same feature")
public class FeatureSelector {

    @Size(min = 1, max = 256)
    @JsonPropertyDescription("Only these features.")
    private List<String> include;

    @Size(min = 1, max = 256)
    @JsonPropertyDescription("Every feature but these.")
    private List<String> exclude;

    public List<String> getInclude() {
        return include;
    }

    public void setInclude(List<String> include) {
        this.include = include;
    }

    public List<String> getExclude() {
        return exclude;
    }

    public void setExclude(List<String> exclude) {
        this.exclude = exclude;
    }
}
