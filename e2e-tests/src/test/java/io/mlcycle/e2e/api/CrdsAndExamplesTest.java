package io.mlcycle.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.mlcycle.e2e.support.TestCluster;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CRDs install, every example is accepted by kubectl apply, and kubectl get mlcycle shows them with their columns. */
class CrdsAndExamplesTest {

    private static final TestCluster cluster = TestCluster.get();
    private static String namespace;

    @BeforeAll
    static void applyExamples() {
        namespace = cluster.createNamespace("examples");
        cluster.kubectl().run("apply", "-n", namespace, "-R", "-f", cluster.repository().root().resolve("examples").toString())
                .assertSuccess();
    }

    @AfterAll
    static void cleanUp() {
        cluster.deleteNamespace(namespace);
    }

    @Test
    void everyCrdIsEstablishedWithStatusSubresourceAndTheMlcycleCategory() {
        List<CustomResourceDefinition> crds = cluster.client().apiextensions().v1().customResourceDefinitions().list()
                .getItems().stream().filter(crd -> crd.getSpec().getGroup().equals("mlcycle.io")).toList();

        assertThat(crds).extracting(crd -> crd.getSpec().getNames().getKind())
                .containsExactlyInAnyOrder("TrainingJob", "ModelVersion", "InferenceService", "DriftMonitor");
        assertThat(crds).allSatisfy(crd -> {
            assertThat(crd.getSpec().getVersions().get(0).getSubresources().getStatus()).isNotNull();
            assertThat(crd.getSpec().getNames().getCategories()).contains("mlcycle");
        });
    }

    @Test
    void everyExampleIsStored() {
        String all = cluster.kubectl().run("get", "mlcycle", "-n", namespace, "-o", "name").assertSuccess().stdout();

        assertThat(all.lines().toList()).containsExactlyInAnyOrder(
                "trainingjob.mlcycle.io/iris-train-1",
                "trainingjob.mlcycle.io/iris-train-2",
                "trainingjob.mlcycle.io/iris-train-relabelled",
                "trainingjob.mlcycle.io/linear-ddp",
                "modelversion.mlcycle.io/iris-1",
                "inferenceservice.mlcycle.io/iris",
                "inferenceservice.mlcycle.io/iris-canary",
                "inferenceservice.mlcycle.io/iris-drift",
                "driftmonitor.mlcycle.io/iris",
                "driftmonitor.mlcycle.io/iris-drift");
    }

    @Test
    void kubectlGetMlcycleListsEveryKindWithItsPrinterColumns() {
        String table = cluster.kubectl().run("get", "mlcycle", "-n", namespace).assertSuccess().stdout();

        assertThat(table).containsPattern("NAME\\s+MODEL\\s+PHASE\\s+WORKERS\\s+VERSION\\s+REASON\\s+AGE")
                .containsPattern("NAME\\s+MODEL\\s+VERSION\\s+FORMAT\\s+METRIC\\s+APPROVAL\\s+READY\\s+REASON\\s+AGE")
                .containsPattern("NAME\\s+MODEL\\s+STABLE\\s+CANARY\\s+WEIGHT\\s+READY\\s+URL\\s+REASON\\s+AGE")
                .containsPattern("NAME\\s+SERVICE\\s+DRIFTED\\s+SHARE\\s+SAMPLES\\s+LAST-RETRAIN\\s+REASON\\s+AGE")
                .containsPattern("modelversion.mlcycle.io/iris-1\\s+iris\\s+1\\s+xgboost\\s+accuracy=0\\.9\\d+\\s+Approved")
                .containsPattern("inferenceservice.mlcycle.io/iris\\s+iris\\s")
                .containsPattern("trainingjob.mlcycle.io/iris-train-1\\s+iris\\s")
                .containsPattern("driftmonitor.mlcycle.io/iris\\s+iris\\s");
    }

    @Test
    void shortNamesWork() {
        assertThat(cluster.kubectl().run("get", "mlisvc", "-n", namespace, "-o", "name").assertSuccess().stdout())
                .contains("inferenceservice.mlcycle.io/iris");
        assertThat(cluster.kubectl().run("get", "mv", "-n", namespace, "-o", "name").assertSuccess().stdout())
                .contains("modelversion.mlcycle.io/iris-1");
        assertThat(cluster.kubectl().run("get", "tj", "-n", namespace, "-o", "name").assertSuccess().stdout())
                .contains("trainingjob.mlcycle.io/iris-train-1");
        assertThat(cluster.kubectl().run("get", "dm", "-n", namespace, "-o", "name").assertSuccess().stdout())
                .contains("driftmonitor.mlcycle.io/iris");
    }

    @Test
    void theApiServerAppliesTheSchemaDefaults() {
        String defaults = cluster.kubectl().run("get", "inferenceservice", "iris", "-n", namespace, "-o",
                "jsonpath={.spec.runtime.threads}|{.spec.rollout.analysis.interval}|{.spec.replicas.min}|"
                        + "{.spec.traffic.provider}").assertSuccess().stdout();
        // threads is unset in the example and has no default; the rest are written or defaulted.
        assertThat(defaults).isEqualTo("|30s|1|router");

        String training = cluster.kubectl().run("get", "trainingjob", "iris-train-1", "-n", namespace, "-o",
                "jsonpath={.spec.runtime}|{.spec.suspend}").assertSuccess().stdout();
        assertThat(training).isEqualTo("Job|false");
    }
}
