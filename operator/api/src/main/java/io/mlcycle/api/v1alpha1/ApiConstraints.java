package io.mlcycle.api.v1alpha1;

/** Validation expressions shared by several fields of the mlcycle.io schemas. */
final class ApiConstraints {

    /** A DNS-1123 label: what Kubernetes accepts as an object name segment. */
    static final String NAME_RULE = "self.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')";
    static final String NAME_MESSAGE =
            "must be a lowercase DNS-1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit";

    static final String SHA256_RULE = "self.matches('^[a-f0-9]{64}$')";
    static final String SHA256_MESSAGE =
            "must be the SHA-256 digest of the file: exactly 64 lowercase hex characters";

    static final String URI_RULE = "self.matches('^(s3|https?|pvc|file)://[^ ]+$')";
    static final String URI_MESSAGE =
            "must be a URI with scheme s3://, http://, https://, pvc:// or file:// and no spaces";

    static final String DURATION_RULE = "self.matches('^([0-9]+([.][0-9]+)?(ms|s|m|h))+$')";
    static final String DURATION_MESSAGE = "must be a duration such as 500ms, 30s, 5m or 1h";

    static final String QUANTITY_RULE = "type(self) == int || isQuantity(self)";
    static final String QUANTITY_MESSAGE = "must be a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi";

    private ApiConstraints() {
    }
}
