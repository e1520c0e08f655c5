package io.mlcycle.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.mlcycle.api.v1alpha1.ConditionStatus;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.StatusCondition;
import io.mlcycle.e2e.support.Helm;
import io.mlcycle.e2e.support.TestCluster;

/**
 * The release's life as a platform team lives it, on the local cluster, with the operator cluster-up installed:
 * helm uninstall leaves the CRDs and every custom resource with its status; helm install of the previous chart
 * (here: this chart with version 0.0.9 and a DriftMonitor CRD one field short) takes the kept CRDs back; helm upgrade
 * to this chart adds the field and keeps the object, its uid and its status. The cluster is left as cluster-up made
 * it, whatever happens.
 */
class HelmReleaseOnClusterTest {

    private static final TestCluster CLUSTER = TestCluster.get();
    private static final String RELEASE = "mlcycle";
    private static final String SYSTEM = "mlcycle-system";
    private static final String DRIFT_CRD = "driftmonitors.mlcycle.io";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String namespace = CLUSTER.createNamespace("chart");
    private final Helm helm = Helm.against(CLUSTER.kubeconfig());
    private final Path chart = CLUSTER.repository().root().resolve("helm/mlcycle");

    @AfterEach
    void restoreTheReleaseAndDeleteNamespace() {
        helm.run("upgrade", "--install", RELEASE, chart.toString(), "--namespace", SYSTEM, "--set",
                "image.pullPolicy=Never", "--wait", "--timeout", "5m").assertSuccess();
        CLUSTER.deleteNamespace(namespace);
    }

    @Test
    void uninstallKeepsCrdsAndObjectsAndUpgradingFromThePreviousChartAddsAFieldAndKeepsThem() throws IOException {
        DriftMonitor monitor = CLUSTER.client().getKubernetesSerialization().unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: DriftMonitor
                metadata: {name: kept}
                spec: {inferenceService: nowhere}
                """, DriftMonitor.class);
        monitor.getMetadata().setNamespace(namespace);
        CLUSTER.client().resource(monitor).create();
        StatusCondition stalled = await().atMost(TestCluster.patience()).until(() -> stalled(), Optional::isPresent)
                .orElseThrow();
        String uid = current().getMetadata().getUid();

        long started = System.nanoTime();
        helm.run("uninstall", RELEASE, "--namespace", SYSTEM, "--wait").assertSuccess();
        System.out.printf("helm uninstall: %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(CLUSTER.client().apps().deployments().inNamespace(SYSTEM).withName("mlcycle-operator").get())
                .as("the operator is gone").isNull();
        for (String crd : List.of("trainingjobs", "modelversions", "inferenceservices", "driftmonitors")) {
            assertThat(crd(crd + ".mlcycle.io")).as(crd + " CRD kept").isNotNull();
        }
        assertKept(uid, stalled);

        started = System.nanoTime();
        helm.run("install", RELEASE, previousChart().toString(), "--namespace", SYSTEM, "--set",
                "image.pullPolicy=Never", "--wait", "--timeout", "5m").assertSuccess();
        System.out.printf("helm install of the previous chart, operator Ready: %.1f s%n",
                (System.nanoTime() - started) / 1e9);
        assertThat(hasFeaturesField()).as("the previous chart's CRD has no spec.features").isFalse();
        assertKept(uid, stalled);

        started = System.nanoTime();
        helm.run("upgrade", RELEASE, chart.toString(), "--namespace", SYSTEM, "--set", "image.pullPolicy=Never",
                "--wait", "--timeout", "5m").assertSuccess();
        System.out.printf("helm upgrade to this chart, operator Ready: %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(hasFeaturesField()).as("the upgrade added spec.features to the CRD").isTrue();
        assertKept(uid, stalled);
        assertThat(crd(DRIFT_CRD).getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
    }

    /** The same object (uid) with the same Stalled condition, since the same moment: status survived. */
    private void assertKept(String uid, StatusCondition stalled) {
        DriftMonitor now = current();
        assertThat(now).as("the DriftMonitor is kept").isNotNull();
        assertThat(now.getMetadata().getUid()).isEqualTo(uid);
        assertThat(stalled()).as("its status is kept").hasValueSatisfying(c -> {
            assertThat(c.getReason()).isEqualTo(stalled.getReason());
            assertThat(c.getLastTransitionTime()).isEqualTo(stalled.getLastTransitionTime());
        });
    }

    private DriftMonitor current() {
        return CLUSTER.client().resources(DriftMonitor.class).inNamespace(namespace).withName("kept").get();
    }

    private Optional<StatusCondition> stalled() {
        DriftMonitor monitor = current();
        if (monitor == null || monitor.getStatus() == null || monitor.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return monitor.getStatus().getConditions().stream()
                .filter(c -> "Stalled".equals(c.getType()) && c.getStatus() == ConditionStatus.True).findFirst();
    }

    private static CustomResourceDefinition crd(String name) {
        return CLUSTER.client().apiextensions().v1().customResourceDefinitions().withName(name).get();
    }

    private static boolean hasFeaturesField() {
        return crd(DRIFT_CRD).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties()
                .get("spec").getProperties().containsKey("features");
    }

    /** This chart as version 0.0.9, its DriftMonitor CRD without spec.features: what a release before that field was. */
    private Path previousChart() throws IOException {
        Path previous = Files.createTempDirectory("mlcycle-chart-previous").resolve("mlcycle");
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : files.toList()) {
                Path target = previous.resolve(chart.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path meta = previous.resolve("Chart.yaml");
        Files.writeString(meta, Files.readString(meta).replaceFirst("(?m)^version: .*$", "version: 0.0.9"));
        Path crd = previous.resolve("files/crds/" + DRIFT_CRD + ".yaml");
        JsonNode tree = YAML.readTree(crd.toFile());
        ((ObjectNode) tree.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema")
                .path("properties").path("spec").path("properties")).remove("features");
        YAML.writeValue(crd.toFile(), tree);
        return previous;
    }
}
