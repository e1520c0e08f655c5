package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** One feature's distribution in the training data: histogram bins for numbers, frequencies for categories. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.type != 'numeric' || (has(self.binEdges) && has(self.binCounts))",
        message = "a numeric feature profile needs binEdges and binCounts")
@ValidationRule(value = "!has(self.binEdges) || !has(self.binCounts) || size(self.binCounts) == size(self.binEdges) - 1",
        fieldPath = ".binCounts",
        message = "binCounts must have one entry fewer than binEdges (one count per bin)")
@ValidationRule(value = "self.type != 'categorical' || has(self.frequencies)",
        message = "a categorical feature profile needs frequencies")
public class FeatureProfile {

    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("Feature name.")
    private String name;

    @Required
    @JsonPropertyDescription("numeric or categorical.")
    private FeatureType type;

    @Size(min = 2, max = 1001)
    @ValidationRule(value = "self.isSorted()", message = "binEdges must be in increasing order")
    @JsonPropertyDescription("Numeric: increasing bin edges; values below the first or above the last fall in the first or last bin.")
    private List<Double> binEdges;

    @Size(min = 1, max = 1000)
    @JsonPropertyDescription("Numeric: number of training rows in each bin.")
    private List<Long> binCounts;

    @Size(max = 1001)
    @ValidationRule(value = "self.isSorted()", message = "quantiles must be in increasing order")
    @JsonPropertyDescription("Numeric: the training values at evenly spaced ranks (every value, up to 1001 of them), "
            + "for the drift tests that compare whole distributions (ks, wasserstein). The trainer writes them to the "
            + "profile file (uri), not inline.")
    private List<Double> quantiles;

    @Size(max = 1000)
    @JsonPropertyDescription("Categorical: number of training rows for each category.")
    private Map<String, Long> frequencies;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public FeatureType getType() {
        return type;
    }

    public void setType(FeatureType type) {
        this.type = type;
    }

    public List<Double> getBinEdges() {
        return binEdges;
    }

    public void setBinEdges(List<Double> binEdges) {
        this.binEdges = binEdges;
    }

    public List<Long> getBinCounts() {
        return binCounts;
    }

    public void setBinCounts(List<Long> binCounts) {
        this.binCounts = binCounts;
    }

    public Map<String, Long> getFrequencies() {
        return frequencies;
    }

    public void setFrequencies(Map<String, Long> frequencies) {
        this.frequencies = frequencies;
    }

    public List<Double> getQuantiles() {
        return quantiles;
    }

    public void setQuantiles(List<Double> quantiles) {
        this.quantiles = quantiles;
    }
}
