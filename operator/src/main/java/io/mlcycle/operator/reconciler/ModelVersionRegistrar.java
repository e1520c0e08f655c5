package io.mlcycle.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.operator.config.OperatorSettings;
import io.mlcycle.operator.desired.Labels;
import io.mlcycle.operator.desired.RegisteredVersion;
import io.mlcycle.operator.desired.TrainerResult;
import io.mlcycle.operator.desired.VersionNumbers;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;

/**
 * Registers a finished run's ModelVersion exactly once. The run's uid label finds a version registered before a crash
 * or a lost status write; a new number is claimed by creating {@code <model>-<n>}, which the API server lets only one
 * creator win, so two runs finishing together take the next free numbers instead of the same one.
 */
final class ModelVersionRegistrar {

    private static final int ATTEMPTS = 20;

    private final KubernetesClient client;
    private final OperatorSettings settings;

    ModelVersionRegistrar(KubernetesClient client, OperatorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** The ModelVersion this run registered, if it did. */
    Optional<String> find(TrainingJob tj) {
        return client.resources(ModelVersion.class).inNamespace(tj.getMetadata().getNamespace())
                .withLabel(Labels.TRAINING_JOB_UID, tj.getMetadata().getUid()).list().getItems().stream()
                .map(v -> v.getMetadata().getName()).findFirst();
    }

    /** The name of the run's ModelVersion, created now unless it exists. */
    String register(TrainingJob tj, TrainerResult result) {
        String namespace = tj.getMetadata().getNamespace();
        Optional<String> mine = find(tj);
        if (mine.isPresent()) {
            return mine.get();
        }
        long number = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<ModelVersion> all = client.resources(ModelVersion.class).inNamespace(namespace).list().getItems();
            number = Math.max(VersionNumbers.next(tj.getSpec().getModel(), all), number + 1);
            ModelVersion version = RegisteredVersion.of(tj, result, number, settings);
            try {
                return client.resource(version).create().getMetadata().getName();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("could not claim a version number for model " + tj.getSpec().getModel()
                + " in " + ATTEMPTS + " attempts");
    }
}
