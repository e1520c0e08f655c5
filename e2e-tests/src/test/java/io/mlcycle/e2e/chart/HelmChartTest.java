package io.mlcycle.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.mlcycle.e2e.support.Helm;
import io.mlcycle.e2e.support.ProgramRun;
import io.mlcycle.e2e.support.Repository;

/**
 * The chart as the real helm (v3.22, built by the harness) lints and renders it, with default and non-default values:
 * the properties a platform team relies on, asserted on the rendered objects (no golden files). A wrong value is
 * refused by values.schema.json with the key named.
 */
class HelmChartTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String NAMESPACE = "mlcycle-system";

    private final Repository repository = new Repository();
    private final Path chart = repository.root().resolve("helm/mlcycle");
    private final Helm helm = Helm.offline();

    private List<JsonNode> render(String... sets) throws IOException {
        return render(List.of(), sets);
    }

    /** {@code helm template} with {@code extra} arguments (e.g. {@code --api-versions}) and {@code --set}s. */
    private List<JsonNode> render(List<String> extra, String... sets) throws IOException {
        List<String> args = new ArrayList<>(List.of("template", "mlcycle", chart.toString(), "--namespace", NAMESPACE));
        args.addAll(extra);
        for (String set : sets) {
            args.addAll(List.of("--set", set));
        }
        String rendered = helm.run(args.toArray(String[]::new)).assertSuccess().stdout();
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.has("kind")) {
                    objects.add(doc);
                }
            }
        }
        return objects;
    }

    /** The tree with every number a double: Helm's toYaml writes 10 where crds/ says 10.0, the same JSON number. */
    private static JsonNode numbersAsDoubles(JsonNode node) {
        if (node.isNumber()) {
            return DoubleNode.valueOf(node.asDouble());
        }
        if (node.isObject()) {
            ObjectNode copy = YAML.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), numbersAsDoubles(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = YAML.createArrayNode();
            node.forEach(item -> copy.add(numbersAsDoubles(item)));
            return copy;
        }
        return node;
    }

    private static Stream<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    private static JsonNode operatorContainer(List<JsonNode> objects) {
        return ofKind(objects, "Deployment").findFirst().orElseThrow().path("spec").path("template").path("spec")
                .path("containers").get(0);
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return variable.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void lintPassesStrict() {
        ProgramRun.Result lint = helm.run("lint", "--strict", chart.toString());
        assertThat(lint.exitCode()).as(lint.stdout() + lint.stderr()).isZero();
    }

    @Test
    void defaultsInstallTheCrdsOfCrdsFolderKeptOnUninstall() throws IOException {
        List<JsonNode> crds = ofKind(render(), "CustomResourceDefinition").toList();
        List<Path> files = repository.crds();
        assertThat(crds).hasSameSizeAs(files);
        for (Path file : files) {
            JsonNode expected = YAML.readTree(file.toFile());
            JsonNode rendered = crds.stream().filter(c -> c.path("metadata").path("name").equals(
                    expected.path("metadata").path("name"))).findFirst().orElseThrow(
                            () -> new AssertionError("no CRD " + expected.path("metadata").path("name")));
            assertThat(numbersAsDoubles(rendered.path("spec"))).as("spec of " + file.getFileName())
                    .isEqualTo(numbersAsDoubles(expected.path("spec")));
            assertThat(rendered.path("metadata").path("annotations").path("helm.sh/resource-policy").asText())
                    .as("kept on helm uninstall").isEqualTo("keep");
            assertThat(rendered.path("metadata").path("labels").path("app.kubernetes.io/managed-by").asText())
                    .isEqualTo("Helm");
        }
    }

    @Test
    void defaultsWatchEveryNamespaceWithImagesAtTheAppVersion() throws IOException {
        List<JsonNode> objects = render();
        JsonNode container = operatorContainer(objects);
        String appVersion = YAML.readTree(chart.resolve("Chart.yaml").toFile()).path("appVersion").asText();
        assertThat(container.path("image").asText()).endsWith(":" + appVersion);
        assertThat(env(container, "MLCYCLE_OPERATOR_TRAINER_IMAGE")).endsWith(":" + appVersion);
        assertThat(env(container, "MLCYCLE_OPERATOR_RUNTIME_IMAGE")).endsWith(":" + appVersion);
        assertThat(env(container, "QUARKUS_OPERATOR_SDK_NAMESPACES")).as("no namespace list: all").isNull();
        assertThat(env(container, "MLCYCLE_OPERATOR_DEFAULT_APPROVAL")).isEqualTo("Pending");
        assertThat(env(container, "MLCYCLE_OPERATOR_IMAGE_PULL_SECRETS")).as("no pull secrets on workloads").isNull();
        assertThat(env(container, "MLCYCLE_OPERATOR_SERVING_CPU")).isEqualTo("500m");
        assertThat(env(container, "MLCYCLE_OPERATOR_SERVING_MEMORY")).isEqualTo("1Gi");
        assertThat(ofKind(objects, "ClusterRoleBinding").map(b -> b.path("metadata").path("name").asText()))
                .contains("mlcycle-operator-workloads");
        assertThat(ofKind(objects, "RoleBinding").map(b -> b.path("metadata").path("namespace").asText()))
                .containsOnly(NAMESPACE);
    }

    @Test
    void everySettingReachesTheOperator() throws IOException {
        List<JsonNode> objects = render("crds.install=false", "watchNamespaces={team-a,team-b}", "image.tag=1.2.3",
                "replicas=2", "logLevel=DEBUG", "imagePullSecrets[0].name=registry", "nodeSelector.pool=ops",
                "defaultApproval=Approved", "trainer.image.repository=registry.example/trainer",
                "trainer.image.tag=7", "workloadImagePullSecrets[0].name=registry",
                "workloadImagePullSecrets[1].name=mirror.example", "runtime.resources.cpu=2",
                "runtime.resources.memory=4Gi", "router.resources.memory=1Gi");
        assertThat(ofKind(objects, "CustomResourceDefinition")).as("crds.install=false").isEmpty();
        JsonNode deployment = ofKind(objects, "Deployment").findFirst().orElseThrow();
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertThat(pod.path("imagePullSecrets").get(0).path("name").asText()).isEqualTo("registry");
        assertThat(pod.path("nodeSelector").path("pool").asText()).isEqualTo("ops");
        JsonNode container = operatorContainer(objects);
        assertThat(container.path("image").asText()).endsWith(":1.2.3");
        assertThat(env(container, "QUARKUS_OPERATOR_SDK_NAMESPACES")).isEqualTo("team-a,team-b");
        assertThat(env(container, "QUARKUS_LOG_CATEGORY__IO_MLCYCLE__LEVEL")).isEqualTo("DEBUG");
        assertThat(env(container, "MLCYCLE_OPERATOR_DEFAULT_APPROVAL")).isEqualTo("Approved");
        assertThat(env(container, "MLCYCLE_OPERATOR_TRAINER_IMAGE")).isEqualTo("registry.example/trainer:7");
        assertThat(env(container, "MLCYCLE_OPERATOR_IMAGE_PULL_SECRETS")).isEqualTo("registry,mirror.example");
        assertThat(env(container, "MLCYCLE_OPERATOR_SERVING_CPU")).as("a --set number, quoted").isEqualTo("2");
        assertThat(env(container, "MLCYCLE_OPERATOR_SERVING_MEMORY")).isEqualTo("4Gi");
        assertThat(env(container, "MLCYCLE_OPERATOR_ROUTER_MEMORY")).isEqualTo("1Gi");
        assertThat(ofKind(objects, "RoleBinding").map(b -> b.path("metadata").path("namespace").asText()))
                .contains("team-a", "team-b");
        assertThat(ofKind(objects, "ClusterRoleBinding").map(b -> b.path("metadata").path("name").asText()))
                .doesNotContain("mlcycle-operator-workloads");
    }

    @Test
    void rbacSpellsOutEveryGroupResourceAndVerb() throws IOException {
        List<JsonNode> roles = Stream.concat(ofKind(render(), "ClusterRole"), ofKind(render(), "Role")).toList();
        assertThat(roles).isNotEmpty();
        for (JsonNode role : roles) {
            for (JsonNode rule : role.path("rules")) {
                for (String field : List.of("apiGroups", "resources", "verbs")) {
                    rule.path(field).forEach(v -> assertThat(v.asText()).as(role.path("metadata").path("name")
                            + " " + field).isNotEqualTo("*"));
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"replicas=0, replicas", "defaultApproval=Maybe, defaultApproval", "imagee.tag=1, imagee",
            "logLevel=LOUD, logLevel", "watchNamespaces={Team_A}, watchNamespaces", "drainDelay=soon, drainDelay",
            "image.pullPolicy=Sometimes, pullPolicy", "metrics.serviceMonitor.enabled=maybe, enabled",
            "metrics.alerts.errorRatio=2, errorRatio", "metrics.alerts.errorRatio=high, errorRatio",
            "runtime.resources.cpu=lots, cpu", "runtime.resources.cpu=-1, cpu", "router.resources.memory=1 GB, memory",
            "workloadImagePullSecrets[0].name=Registry_Keys, workloadImagePullSecrets"})
    void aWrongValueIsRefusedNamingTheKey(String set, String key) {
        ProgramRun.Result result = helm.run("template", "mlcycle", chart.toString(), "--set", set);
        assertThat(result.exitCode()).as(set + " refused").isNotZero();
        assertThat(result.stderr()).as("the error names " + key).contains(key);
    }

    @Test
    void defaultsScrapeByAnnotationAndShipTheDashboardWithoutOperatorKinds() throws IOException {
        List<JsonNode> objects = render();
        JsonNode annotations = ofKind(objects, "Deployment").findFirst().orElseThrow()
                .path("spec").path("template").path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("8080");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
        // Without the Prometheus Operator's CRDs, none of its kinds (the API server would refuse them).
        assertThat(objects).noneMatch(o -> o.path("apiVersion").asText().startsWith("monitoring.coreos.com/"));
        JsonNode dashboard = ofKind(objects, "ConfigMap")
                .filter(c -> c.path("metadata").path("name").asText().equals("mlcycle-dashboard")).findFirst()
                .orElseThrow();
        assertThat(dashboard.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        JsonNode json = new ObjectMapper().readTree(dashboard.path("data").path("mlcycle.json").asText());
        assertThat(json.path("panels")).hasSizeGreaterThanOrEqualTo(9);
        json.path("panels").forEach(panel -> assertThat(panel.path("targets")).as(panel.path("title").asText())
                .isNotEmpty().allMatch(t -> !t.path("expr").asText().isBlank()));
        assertThat(ofKind(objects, "ConfigMap")).noneMatch(c -> c.path("metadata").path("name").asText()
                .equals("mlcycle-prometheus-rules"));
        // A user's own pod annotation wins over the scrape default; metrics.podAnnotations=false drops the defaults.
        JsonNode own = ofKind(render(List.of("--set-string",
                "podAnnotations.prometheus\\.io/port=9090"), "metrics.podAnnotations=true"),
                "Deployment").findFirst().orElseThrow().path("spec").path("template").path("metadata")
                .path("annotations");
        assertThat(own.path("prometheus.io/port").asText()).isEqualTo("9090");
        JsonNode none = ofKind(render("metrics.podAnnotations=false"), "Deployment").findFirst().orElseThrow()
                .path("spec").path("template").path("metadata");
        assertThat(none.has("annotations")).isFalse();
    }

    @Test
    void withThePrometheusOperatorTheMonitorsAndRulesGoIn() throws IOException {
        List<String> operatorCrds = List.of("--api-versions", "monitoring.coreos.com/v1");
        List<JsonNode> objects = render(operatorCrds, "metrics.alerts.errorRatio=0.1");
        JsonNode serviceMonitor = ofKind(objects, "ServiceMonitor").findFirst().orElseThrow();
        // The operator's series name the namespace of the resource they tell of: honorLabels keeps that label.
        assertThat(serviceMonitor.path("spec").path("endpoints").get(0).path("honorLabels").asBoolean()).isTrue();
        JsonNode podMonitor = ofKind(objects, "PodMonitor").findFirst().orElseThrow();
        assertThat(podMonitor.path("spec").path("namespaceSelector").path("any").asBoolean()).isTrue();
        assertThat(podMonitor.path("spec").path("selector").path("matchExpressions").toString())
                .contains("predictor", "router", "mlcycle-operator");
        JsonNode rule = ofKind(objects, "PrometheusRule").findFirst().orElseThrow();
        List<JsonNode> alerts = new ArrayList<>();
        rule.path("spec").path("groups").forEach(group -> group.path("rules").forEach(alerts::add));
        assertThat(alerts).extracting(a -> a.path("alert").asText()).contains("MlcycleDriftDetected",
                "MlcycleRolloutRolledBack", "MlcycleInferenceServiceNotReady", "MlcycleTrainingJobFailed",
                "MlcycleServingErrors", "MlcycleServingLatencyHigh");
        for (JsonNode alert : alerts) {
            assertThat(alert.path("expr").asText()).as(alert.path("alert").asText()).isNotBlank();
            assertThat(alert.path("labels").path("severity").asText()).isIn("warning", "critical");
            // Every alert says where to look: an object and the command that tells why.
            assertThat(alert.path("annotations").path("description").asText()).as(alert.path("alert").asText())
                    .containsAnyOf("kubectl", "mlcycle_engine_call_duration_seconds");
        }
        assertThat(alerts).filteredOn(a -> a.path("alert").asText().equals("MlcycleServingErrors")).singleElement()
                .satisfies(a -> assertThat(a.path("expr").asText()).endsWith("> 0.1"));
        List<JsonNode> off = render(operatorCrds, "metrics.serviceMonitor.enabled=false",
                "metrics.prometheusRule.enabled=false", "metrics.rulesConfigMap=true", "metrics.alerts.errorRatio=0.1");
        assertThat(off).noneMatch(o -> o.path("apiVersion").asText().startsWith("monitoring.coreos.com/"));
        JsonNode file = ofKind(off, "ConfigMap").filter(c -> c.path("metadata").path("name").asText()
                .equals("mlcycle-prometheus-rules")).findFirst().orElseThrow();
        assertThat(YAML.readTree(file.path("data").path("mlcycle.rules.yaml").asText()).path("groups"))
                .isEqualTo(rule.path("spec").path("groups"));
    }

    @Test
    void platformDocsShowTheValuesTableOfTheSchema() {
        // Debian's python, which tools/install-deps.sh gives PyYAML, whatever python3 comes first on the PATH.
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        ProgramRun.Result check = ProgramRun.run(List.of(python, chart.resolve("values-table.py").toString(),
                "--check", repository.root().resolve("docs/platform.md").toString()), Map.of(),
                Duration.ofSeconds(60));
        assertThat(check.exitCode()).as(check.stderr()).isZero();
    }

    @Test
    void chartVersionsFollowTheBuild() throws IOException {
        JsonNode meta = YAML.readTree(chart.resolve("Chart.yaml").toFile());
        String version = System.getProperty("mlcycle.version");
        assertThat(meta.path("appVersion").asText()).as("appVersion: the Maven project's version").isEqualTo(version);
        assertThat(meta.path("version").asText()).as("version: the same, as SemVer without -SNAPSHOT")
                .isEqualTo(version.replace("-SNAPSHOT", ""));
        assertThat(Files.exists(chart.resolve("templates/NOTES.txt"))).as("NOTES.txt").isTrue();
    }
}
