package io.mlcycle.operator.desired;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.api.v1alpha1.ArtifactSpec;
import io.mlcycle.api.v1alpha1.DatasetSpec;
import io.mlcycle.api.v1alpha1.FeatureSpec;
import io.mlcycle.api.v1alpha1.ModelFormat;
import io.mlcycle.api.v1alpha1.ModelSignature;
import io.mlcycle.api.v1alpha1.ReferenceProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result summary a trainer leaves as its termination message (trainer contract, trainer/README.md): the artifact
 * and its digest, format, metrics, signature, features, dataset digest and reference profile.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainerResult(ModelFormat format, ArtifactSpec artifact, Map<String, Double> metrics,
        String headlineMetric, ModelSignature signature, List<FeatureSpec> features, DatasetSpec dataset,
        ReferenceProfile referenceProfile) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * Reads a termination message; empty when it is no result summary (e.g. the log tail of a trainer that died), and
     * an error naming what is missing when it is one without the artifact or format a ModelVersion needs.
     */
    public static Optional<TrainerResult> parse(String message) {
        if (message == null || !message.strip().startsWith("{")) {
            return Optional.empty();
        }
        TrainerResult result;
        try {
            result = JSON.readValue(message.strip(), TrainerResult.class);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (result.format() == null || result.artifact() == null || result.artifact().getUri() == null
                || result.artifact().getSha256() == null) {
            throw new IllegalArgumentException("the trainer's result summary has no format, artifact.uri or "
                    + "artifact.sha256: " + abbreviate(message));
        }
        return Optional.of(result);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
