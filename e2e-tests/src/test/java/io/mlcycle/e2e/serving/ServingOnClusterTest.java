package io.mlcycle.e2e.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static io.mlcycle.e2e.support.ServedModels.READY;
import static io.mlcycle.e2e.support.ServedModels.condition;
import static io.mlcycle.e2e.support.ServedModels.inputName;
import static io.mlcycle.e2e.support.ServedModels.outputName;
import static io.mlcycle.e2e.support.ServedModels.ready;
import static io.mlcycle.e2e.support.ServedModels.readyReason;
import static io.mlcycle.e2e.support.ServedModels.request;
import static io.mlcycle.e2e.support.ServedModels.rows;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.InferenceServicePhase;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionPhase;
import io.mlcycle.e2e.support.ClusterS3;
import io.mlcycle.e2e.support.HostLoad;
import io.mlcycle.e2e.support.NodeWorkloads;
import io.mlcycle.e2e.support.ServedModels;
import io.mlcycle.e2e.support.TestCluster;
import io.mlcycle.e2e.support.TritonClients;
import io.mlcycle.operator.config.OperatorSettings;
import io.mlcycle.operator.desired.GatewayRoute;
import io.mlcycle.operator.desired.RevisionWorkload;
import io.mlcycle.operator.desired.RouterWorkload;
import io.mlcycle.operator.desired.TrafficTable;

/**
 * Serving on the local cluster, driven through the API as a user would: an InferenceService on a ModelVersion the
 * built-in trainer made becomes Ready behind its router and answers OIP REST and gRPC (Triton's own clients too) at
 * {@code status.url} and {@code status.grpcUrl}; {@code track: latest} switches to a newly approved version under load
 * without a failed request; the router splits by exact weights, honours a pinned revision and follows a weight change
 * within a second; a changed artifact and an unplaceable GPU request say why in status. Scaling is
 * {@link AutoscalingOnClusterTest}'s.
 */
class ServingOnClusterTest {

    private static final String REVISION_HEADER = HostLoad.REVISION_HEADER;
    private static final TestCluster CLUSTER = TestCluster.get();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace = CLUSTER.createNamespace("serving");
    private final ServedModels served = new ServedModels(CLUSTER, namespace);
    private final ClusterS3 s3 = new ClusterS3(CLUSTER);
    // HTTP/1.1 as OIP clients speak it: Java's default h2c upgrade of a POST hangs at Traefik (seen with curl --http2 too).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @AfterEach
    void deleteNamespace() {
        CLUSTER.deleteNamespace(namespace);
    }

    @Test
    void aReadyVersionIsServedThroughTheRouterOverRestAndGrpcAndTidiedAwayWithItsService() throws Exception {
        s3.copyKeysTo(namespace);
        served.register("1", Approval.Approved);
        served.apply("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: churn}
                spec:
                  model: {name: churn, version: "1"}
                  runtime: {batching: {maxBatchSize: 8, maxDelay: 2ms}}
                  resources: {cpu: 250m, memory: 768Mi}
                """);

        InferenceService service = served.awaitService("churn", s -> ready(s, "True"));

        assertThat(service.getStatus().getUrl()).isEqualTo("http://churn." + namespace + ".svc.cluster.local");
        assertThat(service.getStatus().getGrpcUrl()).isEqualTo("churn." + namespace + ".svc.cluster.local:8081");
        assertThat(service.getStatus().getPhase()).isEqualTo(InferenceServicePhase.Ready);
        assertThat(service.getStatus().getStable().getVersion()).isEqualTo("1");
        assertThat(service.getStatus().getStable().getModelVersion()).isEqualTo("churn-1");
        assertThat(service.getStatus().getStable().getReadyReplicas()).isEqualTo(1);
        assertThat(service.getStatus().getStable().getWeight()).isEqualTo(100);
        assertThat(service.getStatus().getObservedGeneration()).isEqualTo(service.getMetadata().getGeneration());

        // Every child is owned by the InferenceService and labelled with it; the serving pod is hardened.
        String uid = service.getMetadata().getUid();
        List<HasMetadata> children = children("churn");
        assertThat(children).extracting(c -> c.getKind() + "/" + c.getMetadata().getName()).contains(
                "Deployment/churn-v1", "Service/churn-v1", "Deployment/churn-router", "Service/churn",
                "ConfigMap/churn-traffic", "ServiceAccount/churn-router", "Role/churn-router", "RoleBinding/churn-router");
        assertThat(children).allSatisfy(c -> assertThat(c.getMetadata().getOwnerReferences())
                .anySatisfy(o -> assertThat(o.getUid()).isEqualTo(uid)));
        Pod pod = CLUSTER.client().pods().inNamespace(namespace).withLabel("mlcycle.io/revision", "churn-v1").list()
                .getItems().get(0);
        assertThat(pod.getMetadata().getLabels()).containsEntry("mlcycle.io/inferenceservice", "churn")
                .containsEntry("mlcycle.io/model", "churn").containsEntry("mlcycle.io/version", "1");
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

        // From a pod in the cluster, by the name in status.url.
        String body = JSON.writeValueAsString(request(2));
        NodeWorkloads workloads = new NodeWorkloads(CLUSTER.client(), namespace);
        workloads.runOnce("client", NodeWorkloads.shell("client", NodeWorkloads.JRE, "curl -sS --fail-with-body "
                + "-H 'Content-Type: application/json' -d '" + body + "' " + service.getStatus().getUrl()
                + "/v2/models/churn/infer").build());
        workloads.awaitPod("client", p -> NodeWorkloads.succeeded(p) || "Failed".equals(p.getStatus().getPhase()));
        JsonNode answer = JSON.readTree(workloads.logs("client"));
        assertThat(answer.path("outputs").path(0).path("data")).hasSize(2);

        // Triton's own clients, REST (binary tensors) and gRPC, through the router's Service.
        String address = routerAddress("churn");
        JsonNode both = JSON.readTree(python("infer", address + ":80", address + ":8081", "churn", inputName(),
                outputName(), JSON.writeValueAsString(rows(2))));
        assertThat(both.path("http")).hasSize(2);
        assertThat(both.path("grpc")).isEqualTo(both.path("http"));
        assertThat(both.path("http").path(0).asDouble()).isEqualTo(answer.path("outputs").path(0).path("data").path(0)
                .asDouble(), org.assertj.core.api.Assertions.within(1e-6));

        // A resync with nothing to change writes nothing: neither children nor status.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> metric("mlcycle_child_writes_total{kind=\"InferenceService\"}")
                        + metric("mlcycle_reconcile_seconds_count{kind=\"InferenceService\",outcome=\"written\"}"),
                        new Predicate<Double>() {
                            private double last = -1;

                            @Override
                            public boolean test(Double value) {
                                boolean same = value == last;
                                last = value;
                                return same;
                            }
                        });
        double writesBefore = metric("mlcycle_child_writes_total{kind=\"InferenceService\"}");
        double statusBefore = metric("mlcycle_reconcile_seconds_count{kind=\"InferenceService\",outcome=\"written\"}");
        double idleBefore = metric("mlcycle_reconcile_seconds_count{kind=\"InferenceService\",outcome=\"unchanged\"}");
        CLUSTER.client().services().inNamespace(namespace).withName("churn")
                .edit(s -> { s.getMetadata().getAnnotations().put("test.mlcycle.io/poke", "1"); return s; });
        await().atMost(Duration.ofSeconds(30)).until(() -> metric(
                "mlcycle_reconcile_seconds_count{kind=\"InferenceService\",outcome=\"unchanged\"}") > idleBefore);
        assertThat(metric("mlcycle_child_writes_total{kind=\"InferenceService\"}")).isEqualTo(writesBefore);
        assertThat(metric("mlcycle_reconcile_seconds_count{kind=\"InferenceService\",outcome=\"written\"}"))
                .isEqualTo(statusBefore);

        String table = CLUSTER.kubectl().run("get", "mlis", "-n", namespace).assertSuccess().stdout();
        System.out.println("$ kubectl get mlis -n " + namespace + "\n" + table);
        assertThat(table).containsPattern("churn\\s+churn\\s+1\\s+True\\s+http://churn\\." + namespace
                + "\\.svc\\.cluster\\.local\\s+Serving");

        CLUSTER.client().resource(service).delete();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(children("churn")).as("children left").isEmpty());
    }

    @Test
    void trackLatestServesANewlyApprovedVersionWithoutAFailedRequestAndNeverAPendingOrFailedOne() throws Exception {
        s3.copyKeysTo(namespace);
        served.register("1", Approval.Approved);
        served.apply("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: churn}
                spec:
                  model: {name: churn, track: latest}
                  resources: {cpu: 250m, memory: 768Mi}
                """);
        served.awaitService("churn", s -> ready(s, "True"));
        String address = routerAddress("churn");

        try (HostLoad load = new HostLoad(http, "http://" + address + "/v2/models/churn/infer", JSON.writeValueAsString(request(1)))) {
            served.register("2", Approval.Pending);
            ModelVersion failed = served.version("3", Approval.Approved,
                    ServedModels.trained().getSpec().getArtifact().getUri());
            failed.getSpec().getArtifact().setSha256("0".repeat(64));
            CLUSTER.client().resource(failed).create();
            served.awaitVersion("churn-3", ModelVersionPhase.Failed);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                InferenceService now = served.get("churn");
                assertThat(now.getStatus().getStable().getVersion()).as("a Pending or Failed version is not served")
                        .isEqualTo("1");
                assertThat(now.getStatus().getCanary()).isNull();
            });

            CLUSTER.client().resources(ModelVersion.class).inNamespace(namespace).withName("churn-2")
                    .edit(v -> { v.getSpec().setApproval(Approval.Approved); return v; });

            InferenceService switched = served.awaitService("churn", s -> s.getStatus().getStable() != null
                    && "2".equals(s.getStatus().getStable().getVersion()) && s.getStatus().getCanary() == null);
            assertThat(switched.getStatus().getStable().getModelVersion()).isEqualTo("churn-2");
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(CLUSTER.client().apps().deployments()
                    .inNamespace(namespace).withName("churn-v1").get()).as("the old revision").isNull());
            await().atMost(Duration.ofSeconds(10)).until(() -> load.lastRevision().equals("churn-v2"));
            load.close();
            assertThat(load.answered()).as("requests answered during the switch").isGreaterThan(50);
            assertThat(load.failures()).as("failed requests during the switch").isEmpty();
            assertThat(load.revisions()).containsKeys("churn-v1", "churn-v2");
        }
        assertThat(served.events("churn")).contains("RolloutStarted", "Promoted", "Stable");
    }

    @Test
    void theRouterSplitsByExactWeightsHonoursAPinnedRevisionAndFollowsAWeightChangeWithinASecond() throws Exception {
        s3.copyKeysTo(namespace);
        served.register("1", Approval.Approved);
        served.register("2", Approval.Approved);

        // Two revisions and a router in front of them, built by the operator's own desired/ code for an
        // InferenceService "split" that is never applied: the test sets the weights in the ConfigMap the router
        // watches, as a rollout will.
        InferenceService split = unapplied("""
                model: {name: churn, track: latest}
                resources: {cpu: 200m, memory: 768Mi}
                """);
        RouterWorkload router = new RouterWorkload(split, OperatorSettings.defaults());
        standUp(split, List.of(router.serviceAccount(), router.role(), router.roleBinding(),
                router.traffic(weights(80, 20)), router.deployment(), router.endpoint()));
        CLUSTER.client().apps().deployments().inNamespace(namespace).withName("split-router").waitUntilCondition(
                d -> d != null && d.getStatus() != null && Objects.equals(d.getStatus().getReadyReplicas(), 1),
                READY.toSeconds(), TimeUnit.SECONDS);
        String address = routerAddress("split");
        String url = "http://" + address + "/v2/models/split/infer";
        String body = JSON.writeValueAsString(request(1));

        Map<String, Integer> rest = new ConcurrentHashMap<>();
        awaitAnswer(url, body, "split-router");
        for (int i = 0; i < 2000; i++) {
            HttpResponse<String> answer = send(url, body, null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            rest.merge(answer.headers().firstValue(REVISION_HEADER).orElse("none"), 1, Integer::sum);
        }
        assertThat(rest.get("split-v1") / 2000.0).as("REST share of split-v1: " + rest).isBetween(0.77, 0.83);
        assertThat(rest.get("split-v1") + rest.get("split-v2")).isEqualTo(2000);

        JsonNode grpc = JSON.readTree(python("split", address + ":8081", "split", inputName(),
                JSON.writeValueAsString(rows(1)), "2000"));
        assertThat(grpc.path("errors").asInt(0)).as("gRPC errors: " + grpc).isZero();
        assertThat(grpc.path("split-v1").asInt() / 2000.0).as("gRPC share of split-v1: " + grpc).isBetween(0.77, 0.83);

        for (int i = 0; i < 50; i++) {
            assertThat(send(url, body, "split-v2").headers().firstValue(REVISION_HEADER)).contains("split-v2");
        }
        JsonNode pinned = JSON.readTree(python("split", address + ":8081", "split", inputName(),
                JSON.writeValueAsString(rows(1)), "50", "split-v2"));
        assertThat(pinned.path("split-v2").asInt()).as("pinned over gRPC: " + pinned).isEqualTo(50);

        try (HostLoad load = new HostLoad(http, url, body)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.answered() > 20);
            long changed = System.nanoTime();
            CLUSTER.client().configMaps().inNamespace(namespace).withName("split-traffic")
                    .edit(c -> { c.getData().put(TrafficTable.KEY, weights(0, 100).toJson()); return c; });
            // Done when 50 answers in a row came from split-v2 after the change (one sent just before it may too).
            await().atMost(Duration.ofSeconds(10)).until(() -> load.onlySince("split-v2") != 0
                    && load.answeredAfter(Math.max(changed, load.onlySince("split-v2"))) >= 50);
            long tookNanos = Math.max(0, load.onlySince("split-v2") - changed);
            System.out.printf("weight change 80/20 -> 0/100 in effect after %.0f ms%n", tookNanos / 1e6);
            assertThat(Duration.ofNanos(tookNanos)).as("time until the new weights held").isLessThan(Duration.ofSeconds(1));
            load.close();
            assertThat(load.failures()).as("failed requests across the weight change").isEmpty();
        }
    }

    /**
     * Provider gatewayApi on the local cluster's real Gateway API implementation (Traefik, Gateway
     * {@code traefik-system/mlcycle}): the operator's HTTPRoute is accepted and answers at status.url; with a hostname
     * a GRPCRoute answers gRPC at status.grpcUrl too; routes built by the operator's own desired/ code over two
     * revisions at 80/20 split REST and gRPC as Traefik is told.
     */
    @Test
    void theGatewayApiProviderServesRestAndGrpcThroughTraefikAndItsRoutesSplitByWeight() throws Exception {
        s3.copyKeysTo(namespace);
        served.register("1", Approval.Approved);
        served.register("2", Approval.Approved);
        served.apply("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: gw}
                spec:
                  model: {name: churn, version: "1"}
                  resources: {cpu: 200m, memory: 768Mi}
                  traffic: {provider: gatewayApi, gateway: {name: mlcycle, namespace: traefik-system}}
                """);
        InferenceService service = served.awaitService("gw", s -> ready(s, "True"));
        assertThat(service.getStatus().getUrl()).isEqualTo("http://traefik.traefik-system.svc.cluster.local:8000");
        assertThat(service.getStatus().getGrpcUrl()).as("no gRPC address without a hostname").isNull();
        assertThat(condition(service, "Ready").getReason()).isEqualTo("Serving");
        assertThat(CLUSTER.client().apps().deployments().inNamespace(namespace).withName("gw-router").get())
                .as("no router with the Gateway").isNull();
        String traefik = CLUSTER.client().services().inNamespace("traefik-system").withName("traefik").get().getSpec()
                .getClusterIP();
        String body = JSON.writeValueAsString(request(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> send("http://" + traefik + ":8000/v2/models/gw/infer", body,
                null).statusCode() == 200);
        JsonNode answer = JSON.readTree(send("http://" + traefik + ":8000/v2/models/gw/infer", body, null).body());
        assertThat(answer.path("model_version").asText()).isEqualTo("1");

        // A hostname: the routes take that host only, and gRPC (whose model is named in the message) gets a GRPCRoute.
        CLUSTER.client().resources(InferenceService.class).inNamespace(namespace).withName("gw")
                .edit(s -> { s.getSpec().getTraffic().getGateway().setHostname("gw.mlcycle.test"); return s; });
        service = served.awaitService("gw", s -> "gw.mlcycle.test:8000".equals(s.getStatus().getGrpcUrl())
                && ready(s, "True"));
        assertThat(service.getStatus().getUrl()).isEqualTo("http://gw.mlcycle.test:8000");
        assertThat(CLUSTER.client().genericKubernetesResources(GatewayRoute.API_VERSION, "GRPCRoute")
                .inNamespace(namespace).withName("gw").get()).as("the GRPCRoute, accepted as Ready says").isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> send("http://" + traefik + ":8000/v2/models/gw/infer", body,
                null, "gw.mlcycle.test").statusCode() == 200);
        // Traefik reports a route Accepted before its configuration is in force (it applies changes at most every 2 s).
        JsonNode grpc = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                JSON.readTree(python("split", traefik + ":8000", "gw", inputName(), JSON.writeValueAsString(rows(1)),
                        "20", "-", "gw.mlcycle.test")), split -> split.path("version-1").asInt() == 20);
        assertThat(grpc.path("errors").asInt(0)).as("gRPC through Traefik at status.grpcUrl: " + grpc).isZero();

        // Two revisions of an InferenceService "split" that is never applied, and its routes at 80/20.
        InferenceService split = unapplied("""
                model: {name: churn, track: latest}
                resources: {cpu: 150m, memory: 768Mi}
                traffic:
                  provider: gatewayApi
                  gateway: {name: mlcycle, namespace: traefik-system, hostname: split.mlcycle.test}
                """);
        TrafficTable table = weights("split-v1", 80, "split-v2", 20);
        standUp(split, List.of(GatewayRoute.httpRoute(split, table),
                GatewayRoute.grpcRoute(split, table).orElseThrow()));
        String url = "http://" + traefik + ":8000/v2/models/split/infer";
        // Traefik drops a backend from the split until its endpoints are ready: wait until both answer.
        Map<String, Integer> warm = new ConcurrentHashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> response = send(url, body, null, "split.mlcycle.test");
            if (response.statusCode() == 200) {
                warm.merge(JSON.readTree(response.body()).path("model_version").asText(), 1, Integer::sum);
            }
            return warm.size() == 2;
        });
        Map<String, Integer> versions = new ConcurrentHashMap<>();
        for (int i = 0; i < 2000; i++) {
            HttpResponse<String> response = send(url, body, null, "split.mlcycle.test");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            versions.merge(JSON.readTree(response.body()).path("model_version").asText(), 1, Integer::sum);
        }
        assertThat(versions.get("1") / 2000.0).as("REST share of version 1 through Traefik: " + versions)
                .isBetween(0.77, 0.83);
        JsonNode grpcSplit = JSON.readTree(python("split", traefik + ":8000", "split", inputName(),
                JSON.writeValueAsString(rows(1)), "2000", "-", "split.mlcycle.test"));
        assertThat(grpcSplit.path("errors").asInt(0)).as("gRPC errors through Traefik: " + grpcSplit).isZero();
        assertThat(grpcSplit.path("version-1").asInt() / 2000.0).as("gRPC share of version 1 through Traefik: "
                + grpcSplit).isBetween(0.77, 0.83);
    }

    @Test
    void aChangedArtifactAndAnUnplaceableGpuRequestSayWhyInStatusAndInKubectlGet() throws Exception {
        s3.copyKeysTo(namespace);
        Path artifact = dir.resolve("model.tar.gz");
        s3.get(ServedModels.trained().getSpec().getArtifact().getUri().replace("s3://mlcycle/", ""), artifact);
        String uri = s3.put(artifact, namespace + "/models/model.tar.gz");
        served.register("1", Approval.Approved, uri);
        Files.writeString(artifact, "not the model any more");
        s3.put(artifact, namespace + "/models/model.tar.gz");
        served.apply("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: tampered}
                spec:
                  model: {name: churn, version: "1"}
                  resources: {cpu: 200m, memory: 768Mi}
                """);
        served.apply("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: gpu}
                spec:
                  model: {name: churn, version: "1"}
                  resources: {cpu: 200m, memory: 768Mi, gpu: {count: 16}}
                """);

        InferenceService tampered = served.awaitService("tampered",
                s -> "ArtifactDigestMismatch".equals(readyReason(s)));
        assertThat(ready(tampered, "False")).isTrue();
        assertThat(condition(tampered, "Ready").getMessage()).contains("sha256 mismatch");
        InferenceService gpu = served.awaitService("gpu", s -> "Unschedulable".equals(readyReason(s)));
        assertThat(condition(gpu, "Ready").getMessage()).contains("nvidia.com/gpu");

        String table = CLUSTER.kubectl().run("get", "mlis", "-n", namespace).assertSuccess().stdout();
        System.out.println("$ kubectl get mlis -n " + namespace + "\n" + table);
        assertThat(table).containsPattern("tampered\\s+churn\\s+1\\s+False\\s+\\S+\\s+ArtifactDigestMismatch")
                .containsPattern("gpu\\s+churn\\s+1\\s+False\\s+\\S+\\s+Unschedulable");
    }

    private HttpResponse<String> send(String url, String body, String revision) throws Exception {
        return send(url, body, revision, null);
    }

    /** A POST; with {@code host}, as that Host (the pom allows the JDK client to set it), as a Gateway routes by. */
    private HttpResponse<String> send(String url, String body, String revision, String host) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (revision != null) {
            request.header(REVISION_HEADER, revision);
        }
        if (host != null) {
            request.header("Host", host);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** An InferenceService "split" of this namespace that is never applied: the operator's desired/ code builds from it. */
    private InferenceService unapplied(String spec) {
        InferenceService split = CLUSTER.client().getKubernetesSerialization().unmarshal("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: split}
                spec:
                """ + spec.lines().map(l -> "  " + l + "\n").reduce("", String::concat), InferenceService.class);
        split.getMetadata().setNamespace(namespace);
        split.getMetadata().setUid(UUID.randomUUID().toString());
        return split;
    }

    /**
     * Creates revisions {@code split-v1} and {@code split-v2} (of ModelVersions churn-1 and churn-2) and {@code traffic}
     * as the operator would build them, without owner (none exists: the garbage collector would take them), and waits
     * until both revisions are Ready.
     */
    private void standUp(InferenceService split, List<HasMetadata> traffic) {
        List<HasMetadata> objects = new ArrayList<>(traffic);
        for (String version : List.of("1", "2")) {
            RevisionWorkload revision = new RevisionWorkload(split, CLUSTER.client().resources(ModelVersion.class)
                    .inNamespace(namespace).withName("churn-" + version).get(), OperatorSettings.defaults());
            objects.add(revision.deployment());
            objects.add(revision.service());
        }
        for (HasMetadata child : objects) {
            child.getMetadata().setOwnerReferences(null);
            CLUSTER.client().resource(child).create();
        }
        for (String deployment : List.of("split-v1", "split-v2")) {
            CLUSTER.client().apps().deployments().inNamespace(namespace).withName(deployment).waitUntilCondition(
                    d -> d != null && d.getStatus() != null && Objects.equals(d.getStatus().getReadyReplicas(), 1),
                    READY.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Waits for a first 200 through a router; says what it answered and logged if none comes. */
    private void awaitAnswer(String url, String body, String routerDeployment) throws Exception {
        HttpResponse<String> last = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            last = send(url, body, null);
            if (last.statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        String logs = CLUSTER.client().apps().deployments().inNamespace(namespace).withName(routerDeployment)
                .getLog();
        throw new AssertionError("no answer through " + url + ": last " + last.statusCode() + " " + last.body()
                + "\nrouter log:\n" + logs);
    }

    private TrafficTable weights(int a, int b) {
        return weights("split-v1", a, "split-v2", b);
    }

    private static TrafficTable weights(String first, int a, String second, int b) {
        return new TrafficTable(List.of(new TrafficTable.Route(first, first, a), new TrafficTable.Route(second, second,
                b)), null);
    }

    /** The router Service's ClusterIP: the host reaches ClusterIPs, not the cluster's DNS names. */
    private String routerAddress(String service) {
        return CLUSTER.client().services().inNamespace(namespace).withName(service).get().getSpec().getClusterIP();
    }

    private List<HasMetadata> children(String service) {
        String selector = "mlcycle.io/inferenceservice=" + service;
        List<HasMetadata> all = new ArrayList<>();
        var client = CLUSTER.client();
        all.addAll(client.apps().deployments().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.services().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.configMaps().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.serviceAccounts().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.rbac().roles().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.rbac().roleBindings().inNamespace(namespace).withLabelSelector(selector).list().getItems());
        all.addAll(client.policy().v1().podDisruptionBudget().inNamespace(namespace).withLabelSelector(selector).list()
                .getItems());
        all.addAll(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                .withLabelSelector(selector).list().getItems());
        return all;
    }

    /** One value of the in-cluster operator's /q/metrics (0 when the series does not exist yet). */
    private double metric(String series) throws Exception {
        String ip = CLUSTER.client().services().inNamespace("mlcycle-system").withName("mlcycle-operator").get()
                .getSpec().getClusterIP();
        String body = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/q/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(series + " ")).map(l -> l.substring(series.length() + 1).trim())
                .mapToDouble(Double::parseDouble).findFirst().orElse(0);
    }

    /** Triton's Python clients: see {@link TritonClients}. */
    private String python(String... args) throws Exception {
        return new TritonClients(dir).run(args);
    }
}
