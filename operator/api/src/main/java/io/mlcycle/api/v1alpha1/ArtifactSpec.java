package io.mlcycle.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a model artifact lives and the digest it must have. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArtifactSpec {

    @Required
    @Size(min = 1, max = 2048)
    @ValidationRule(value = ApiConstraints.URI_RULE, message = ApiConstraints.URI_MESSAGE)
    @JsonPropertyDescription("URI of the artifact: a single file, a directory or a .tar.gz/.zip archive. "
            + "Schemes: s3:// (AWS or any S3-compatible store), http(s)://, pvc://<claim>/<path>, file:// (local harness).")
    private String uri;

    @Required
    @Size(max = 64)
    @ValidationRule(value = ApiConstraints.SHA256_RULE, message = ApiConstraints.SHA256_MESSAGE)
    @JsonPropertyDescription("SHA-256 of the artifact (of the archive, or of the single file), as 64 lowercase hex characters. "
            + "It is checked before anything is loaded.")
    private String sha256;

    @Min(0)
    @JsonPropertyDescription("Size of the artifact in bytes, informational.")
    private Long size;

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

    public Long getSize() {
        return size;
    }

    public void setSize(Long size) {
        this.size = size;
    }
}
