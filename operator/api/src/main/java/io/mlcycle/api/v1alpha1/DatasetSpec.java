package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The training data a TrainingJob reads. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetSpec {

    @Required
    @Size(min = 1, max = 2048)
    @ValidationRule(value = ApiConstraints.URI_RULE, message = ApiConstraints.URI_MESSAGE)
    @JsonPropertyDescription("URI of the dataset (a file or a folder of files). Schemes: s3://, http(s)://, pvc://, file://.")
    private String uri;

    @Size(max = 64)
    @ValidationRule(value = ApiConstraints.SHA256_RULE, message = ApiConstraints.SHA256_MESSAGE)
    @JsonPropertyDescription("Optional SHA-256 of the dataset file; when set the trainer refuses data that does not match.")
    private String sha256;

    @Default("csv")
    @JsonPropertyDescription("File format of the dataset: csv (with a header row) or parquet.")
    private DatasetFormat format = DatasetFormat.csv;

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public DatasetFormat getFormat() {
        return format;
    }

    public void setFormat(DatasetFormat format) {
        this.format = format;
    }
}
