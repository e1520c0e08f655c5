package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The statistical test per kind of feature. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftTestsSpec {

    @Default("{}")
    @JsonPropertyDescription("Test for numeric features.")
    private NumericDriftTest numeric = new NumericDriftTest();

    @Default("{}")
    @JsonPropertyDescription("Test for categorical features.")
    private CategoricalDriftTest categorical = new CategoricalDriftTest();

    public NumericDriftTest getNumeric() {
        return numeric;
    }

    public void setNumeric(NumericDriftTest numeric) {
        this.numeric = numeric;
    }

    public CategoricalDriftTest getCategorical() {
        return categorical;
    }

    public void setCategorical(CategoricalDriftTest categorical) {
        this.categorical = categorical;
    }
}
