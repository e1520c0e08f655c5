package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Drift test of numeric features. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.threshold) || self.method != 'ks' || self.threshold < 1.0",
        fieldPath = ".threshold",
        message = "the ks threshold is a p-value: it must be below 1 (Evidently uses 0.05)")
@ValidationRule(value = "!has(self.threshold) || self.method != 'jensenShannon' || self.threshold <= 1.0",
        fieldPath = ".threshold",
        message = "the jensenShannon threshold is a distance from 0 to 1 (Evidently uses 0.1)")
public class NumericDriftTest {

    @Default("auto")
    @JsonPropertyDescription("auto (Evidently's rule: ks for up to 1000 reference rows, else wasserstein), psi, ks, "
            + "wasserstein (normed by the reference's standard deviation) or jensenShannon.")
    private NumericDriftMethod method = NumericDriftMethod.auto;

    @Min(value = 0, inclusive = false)
    @JsonPropertyDescription("Drift threshold; unset means the method's Evidently default: psi 0.1, ks p-value 0.05, "
            + "wasserstein 0.1, jensenShannon 0.1.")
    private Double threshold;

    public NumericDriftMethod getMethod() {
        return method;
    }

    public void setMethod(NumericDriftMethod method) {
        this.method = method;
    }

    public Double getThreshold() {
        return threshold;
    }

    public void setThreshold(Double threshold) {
        this.threshold = threshold;
    }
}
