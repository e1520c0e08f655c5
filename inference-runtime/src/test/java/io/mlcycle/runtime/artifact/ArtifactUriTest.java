package io.mlcycle.runtime.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Artifact URI parsing and the refusal of link-local and cloud metadata hosts. */
class ArtifactUriTest {

    private final HostPolicy strict = HostPolicy.strict();

    @Test
    void parsesEachScheme() {
        ArtifactUri s3 = ArtifactUri.parse("s3://models/churn/v3/model.tar.gz", strict);
        assertThat(s3.location()).isEqualTo("models");
        assertThat(s3.path()).isEqualTo("churn/v3/model.tar.gz");
        assertThat(s3.fileName()).isEqualTo("model.tar.gz");

        ArtifactUri pvc = ArtifactUri.parse("pvc://model-store/churn/model.onnx", strict);
        assertThat(pvc.location()).isEqualTo("model-store");
        assertThat(pvc.path()).isEqualTo("churn/model.onnx");

        assertThat(ArtifactUri.parse("file:///models/m.zip", strict).path()).isEqualTo("/models/m.zip");
        assertThat(ArtifactUri.parse("https://example.com/m.onnx?X-Amz-Signature=secret", strict).redacted())
                .isEqualTo("https://example.com/m.onnx");
    }

    @Test
    void refusesUnsupportedSchemesMissingPartsAndDotDot() {
        assertThatThrownBy(() -> ArtifactUri.parse("ftp://host/m.onnx", strict))
                .hasMessageContaining("unsupported scheme 'ftp'; use s3://, http(s)://, pvc:// or file://");
        assertThatThrownBy(() -> ArtifactUri.parse("models/m.onnx", strict)).hasMessageContaining("unsupported scheme ''");
        assertThatThrownBy(() -> ArtifactUri.parse("s3://bucket", strict)).hasMessageContaining("no object key");
        assertThatThrownBy(() -> ArtifactUri.parse("pvc://claim", strict)).hasMessageContaining("no path inside");
        assertThatThrownBy(() -> ArtifactUri.parse("file://otherhost/m.onnx", strict)).hasMessageContaining("must be local");
        assertThatThrownBy(() -> ArtifactUri.parse("pvc://claim/../../etc/shadow", strict)).hasMessageContaining("'..'");
        assertThatThrownBy(() -> ArtifactUri.parse("http://user:pw@/x", strict)).hasMessageContaining("no host");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://169.254.170.2/v2/credentials",
        "http://[fe80::1]/model.onnx",
        "http://[fd00:ec2::254]/latest",
        "http://100.100.100.200/latest/meta-data",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://METADATA.Google.Internal./computeMetadata/v1/",
        "https://metadata/model.onnx",
        "http://[::ffff:169.254.169.254]/x"})
    void refusesLinkLocalAndMetadataHostsUnlessAllowed(String uri) {
        assertThatThrownBy(() -> ArtifactUri.parse(uri, strict))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("refused to protect instance credentials");
        assertThat(ArtifactUri.parse(uri, new HostPolicy(true)).scheme()).startsWith("http");
    }

    @Test
    void refusesNamesThatResolveToLinkLocalAddresses() {
        HostPolicy policy = HostPolicy.strict();
        policy.checkResolved("localhost", "test");
        assertThatThrownBy(() -> policy.checkResolved("169.254.1.1", "test")).hasMessageContaining("link-local");
    }
}
