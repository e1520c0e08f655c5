package io.mlcycle.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.mlcycle.operator.Fixtures;
import io.mlcycle.operator.config.OperatorSettings;
import io.mlcycle.operator.config.WorkloadResources;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart's workload settings (pull secrets, default resources) reach every kind of pod the operator starts. */
class PlatformSettingsTest {

    private static final OperatorSettings PLATFORM = OperatorSettings.defaults()
            .withImagePullSecrets(List.of("registry", "mirror"))
            .withResources(WorkloadResources.of("2", "4Gi"), WorkloadResources.of("1", "512Mi"));

    private static Stream<PodSpec> everyPod(OperatorSettings settings) {
        return Stream.of(
                new RevisionWorkload(Fixtures.inferenceService(""),
                        Fixtures.servedVersion("4", "Ready", "Approved", "xgboost"), settings)
                        .deployment().getSpec().getTemplate().getSpec(),
                new RouterWorkload(Fixtures.inferenceService(""), settings).deployment().getSpec().getTemplate()
                        .getSpec(),
                TrainerWorkload.job(Fixtures.trainingJob(""), settings).getSpec().getTemplate().getSpec(),
                TrainerWorkload.job(Fixtures.customTrainingJob(2, ""), settings).getSpec().getTemplate().getSpec(),
                ValidationWorkload.job(Fixtures.modelVersion(""), settings).getSpec().getTemplate().getSpec());
    }

    @Test
    void everyPodPullsWithThePlatformsSecrets() {
        assertThat(everyPod(PLATFORM)).hasSize(5).allSatisfy(pod -> assertThat(pod.getImagePullSecrets())
                .extracting(LocalObjectReference::getName).containsExactly("registry", "mirror"));
    }

    @Test
    void withoutPullSecretsNoPodCarriesTheField() {
        // An upgrade that sets nothing must not change the pod templates, or every serving revision would roll.
        assertThat(everyPod(OperatorSettings.defaults())).allSatisfy(pod -> assertThat(pod.getImagePullSecrets())
                .isNullOrEmpty());
    }

    @Test
    void servingPodsGetThePlatformsDefaultsWhereTheInferenceServiceSetsNone() {
        ResourceRequirements unset = new RevisionWorkload(Fixtures.inferenceService(""),
                Fixtures.servedVersion("4", "Ready", "Approved", "xgboost"), PLATFORM).deployment().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(unset.getRequests()).isEqualTo(unset.getLimits()).containsEntry("cpu", new Quantity("2"))
                .containsEntry("memory", new Quantity("4Gi"));

        ResourceRequirements memoryOnly = new RevisionWorkload(Fixtures.inferenceService("resources: {memory: 3Gi}"),
                Fixtures.servedVersion("4", "Ready", "Approved", "xgboost"), PLATFORM).deployment().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(memoryOnly.getRequests()).containsEntry("cpu", new Quantity("2"))
                .containsEntry("memory", new Quantity("3Gi"));
    }

    @Test
    void theRouterRequestsThePlatformsAmountsAndIsLimitedOnlyInMemory() {
        ResourceRequirements router = new RouterWorkload(Fixtures.inferenceService(""), PLATFORM).deployment()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(router.getRequests()).containsEntry("cpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("512Mi"));
        assertThat(router.getLimits()).containsOnlyKeys("memory");
    }

    @Test
    void aQuantityKubernetesWouldRefuseStopsTheOperatorAtItsStart() {
        assertThatThrownBy(() -> WorkloadResources.of("lots", "1Gi")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkloadResources.of("1", "1 GB")).isInstanceOf(IllegalArgumentException.class);
    }
}
