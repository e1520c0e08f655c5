package io.mlcycle.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.Resource;
import io.mlcycle.api.v1alpha1.ConditionStatus;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.InferenceServicePhase;
import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.StatusCondition;
import io.mlcycle.api.v1alpha1.VariantStatus;
import io.mlcycle.e2e.support.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Status lives in its own subresource: the operator's status writes never touch spec, and spec edits bump generation. */
class StatusSubresourceTest {

    private static final TestCluster cluster = TestCluster.get();
    private static String namespace;

    @BeforeAll
    static void createNamespace() {
        namespace = cluster.createNamespace("status");
    }

    @AfterAll
    static void deleteNamespace() {
        cluster.deleteNamespace(namespace);
    }

    @Test
    void aStatusWriteChangesNeitherSpecNorGeneration() {
        InferenceService created = createExample("status-write");
        Resource<InferenceService> resource = cluster.client().resource(created).inNamespace(namespace);

        InferenceService withStatus = resource.get();
        withStatus.setStatus(readyStatus(withStatus.getMetadata().getGeneration()));
        withStatus.getSpec().getReplicas().setMin(7); // must be ignored: the status endpoint only takes status
        InferenceService afterStatus = cluster.client().resource(withStatus).inNamespace(namespace).updateStatus();

        assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(afterStatus.getSpec().getReplicas().getMin()).isEqualTo(1);
        assertThat(afterStatus.getStatus().getStable().getVersion()).isEqualTo("1");
        assertThat(afterStatus.getStatus().getConditions()).extracting(StatusCondition::getReason)
                .containsExactly("Serving");
        assertThat(afterStatus.getMetadata().getResourceVersion())
                .isNotEqualTo(created.getMetadata().getResourceVersion());
        assertThat(cluster.kubectl().run("get", "mlisvc", "status-write", "-n", namespace).assertSuccess().stdout())
                .containsPattern("status-write\\s+iris\\s+1\\s+2\\s+20\\s+True\\s+Serving\\s");
    }

    @Test
    void aSpecChangeBumpsGenerationAndLeavesStatusAlone() {
        InferenceService created = createExample("spec-change");
        InferenceService withStatus = cluster.client().resource(created).inNamespace(namespace).get();
        withStatus.setStatus(readyStatus(1L));
        cluster.client().resource(withStatus).inNamespace(namespace).updateStatus();

        InferenceService edited = cluster.client().resources(InferenceService.class).inNamespace(namespace)
                .withName(created.getMetadata().getName()).edit(isvc -> {
            isvc.getSpec().getReplicas().setMin(2);
            isvc.getSpec().getReplicas().setMax(4);
            isvc.setStatus(null); // must be ignored: the main endpoint does not take status
            return isvc;
        });

        assertThat(edited.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(edited.getSpec().getReplicas().getMin()).isEqualTo(2);
        assertThat(edited.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(edited.getStatus().getPhase()).isEqualTo(InferenceServicePhase.Ready);
    }

    @Test
    void kubectlExplainPrintsTheFieldDocs() {
        String rollout = cluster.kubectl().run("explain", "inferenceservice.spec.rollout").assertSuccess().stdout();

        assertThat(rollout).contains("GROUP:      mlcycle.io", "KIND:       InferenceService", "VERSION:    v1alpha1")
                .contains("How a new version replaces the stable one")
                .contains("steps", "Canary steps in order")
                .contains("mirror", "analysis", "autoPromote", "rollbackOnFailure");

        String weight = cluster.kubectl().run("explain", "mlisvc.spec.rollout.steps.weight").assertSuccess().stdout();
        assertThat(weight).contains("Percent of traffic sent to the new version, 0 to 100.");
    }

    private InferenceService createExample(String name) {
        InferenceService isvc = cluster.client().getKubernetesSerialization().unmarshal(
                readExample(), InferenceService.class);
        isvc.getMetadata().setName(name);
        return cluster.client().resource(isvc).inNamespace(namespace).create();
    }

    private static String readExample() {
        try {
            return Files.readString(cluster.repository().example("iris/inferenceservice.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InferenceServiceStatus readyStatus(Long generation) {
        VariantStatus stable = new VariantStatus();
        stable.setModelVersion("iris-1");
        stable.setVersion("1");
        stable.setReadyReplicas(1);
        stable.setWeight(80);
        VariantStatus canary = new VariantStatus();
        canary.setModelVersion("iris-2");
        canary.setVersion("2");
        canary.setWeight(20);
        canary.setStep(1);
        StatusCondition ready = new StatusCondition();
        ready.setType("Ready");
        ready.setStatus(ConditionStatus.True);
        ready.setReason("Serving");
        ready.setMessage("stable iris-1 serves 80%, canary iris-2 20%");
        ready.setObservedGeneration(generation);
        ready.setLastTransitionTime("2026-11-27T12:00:00Z");
        InferenceServiceStatus status = new InferenceServiceStatus();
        status.setObservedGeneration(generation);
        status.setPhase(InferenceServicePhase.Ready);
        status.setStable(stable);
        status.setCanary(canary);
        status.setConditions(List.of(ready));
        return status;
    }
}
