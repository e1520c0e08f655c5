package io.mlcycle.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real Argo CD that {@code e2e-tests/cluster/argocd-up.sh} runs beside the local cluster: its Applications read
 * and written as the custom resources they are, resource actions run through its REST API as the CLI and UI do.
 */
public final class ArgoCd {

    /** Where argocd-up.sh has the API server listen (lib.sh's ARGOCD_SERVER_PORT). */
    private static final String API = "http://127.0.0.1:18080/api/v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceDefinitionContext APPLICATION = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Application").withPlural("applications")
            .withNamespaced(true).build();

    private final TestCluster cluster;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ArgoCd(TestCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts Argo CD unless it runs (the script returns at once then). */
    public static ArgoCd start(TestCluster cluster) {
        ProgramRun.run(List.of("bash", cluster.repository().root().resolve("e2e-tests/cluster/argocd-up.sh").toString()),
                Map.of(), Duration.ofMinutes(4)).assertSuccess();
        return new ArgoCd(cluster);
    }

    /** An Application syncing folder {@code path} of a git repository into {@code namespace}, pruning and healing. */
    public void createApplication(String name, String repoUrl, String path, String namespace) {
        GenericKubernetesResource app = cluster.client().getKubernetesSerialization().unmarshal("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: %s, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: '%s', path: %s, targetRevision: HEAD}
                  destination: {server: 'https://kubernetes.default.svc', namespace: %s}
                  syncPolicy:
                    automated: {prune: true, selfHeal: true}
                """.formatted(name, repoUrl, path, namespace), GenericKubernetesResource.class);
        cluster.client().genericKubernetesResources(APPLICATION).inNamespace("argocd").resource(app).create();
    }

    public void deleteApplication(String name) {
        cluster.client().genericKubernetesResources(APPLICATION).inNamespace("argocd").withName(name).delete();
    }

    /** The Application's status as Argo CD wrote it (empty before its first reconcile). */
    public JsonNode status(String name) {
        GenericKubernetesResource app = cluster.client().genericKubernetesResources(APPLICATION).inNamespace("argocd")
                .withName(name).get();
        return JSON.valueToTree(app == null ? Map.of() : app.getAdditionalProperties().getOrDefault("status", Map.of()));
    }

    /** Asks for a hard refresh, as a git webhook would: Argo CD reads the repository now, past its caches. */
    public void refresh(String name) {
        // A merge patch of the one annotation, with no resourceVersion: Argo CD writes the Application all the time,
        // and an edit() of a read copy then fails with 409 Conflict.
        cluster.client().genericKubernetesResources(APPLICATION).inNamespace("argocd").withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"annotations\":{\"argocd.argoproj.io/refresh\":\"hard\"}}}");
    }

    /** Runs a resource action on one of the Application's resources; returns the HTTP status and body on failure. */
    public void runAction(String app, String group, String kind, String namespace, String resource, String action)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("name", app, "appNamespace", "argocd", "namespace", namespace,
                "resourceName", resource, "group", group, "kind", kind, "version", "v1alpha1", "action", action));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                        URI.create(API + "/applications/" + app + "/resource/actions/v2"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("action " + action + " on " + kind + "/" + resource + ": HTTP "
                    + answer.statusCode() + " " + answer.body());
        }
    }

    /**
     * A resource's health as Argo CD judged it, from the resource tree its UI shows (Argo CD 3 keeps resource health
     * out of the Application's status).
     */
    public JsonNode resourceHealth(String app, String kind, String name) throws IOException, InterruptedException {
        JsonNode tree = get("/applications/" + app + "/resource-tree?appNamespace=argocd");
        for (JsonNode node : tree.path("nodes")) {
            if (kind.equals(node.path("kind").asText()) && name.equals(node.path("name").asText())) {
                return node.path("health");
            }
        }
        throw new AssertionError(kind + "/" + name + " is not in the resource tree of " + app + ": " + tree);
    }

    /** The actions Argo CD offers on a resource now, by name, each with whether it is enabled. */
    public Map<String, Boolean> actions(String app, String group, String kind, String namespace, String resource)
            throws IOException, InterruptedException {
        String query = "?appNamespace=argocd&namespace=" + namespace + "&resourceName=" + resource + "&group=" + group
                + "&kind=" + kind + "&version=v1alpha1";
        Map<String, Boolean> actions = new TreeMap<>();
        get("/applications/" + app + "/resource/actions" + query).path("actions").forEach(a ->
                actions.put(a.path("name").asText(), !a.path("disabled").asBoolean(false)));
        return actions;
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(API + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body());
    }
}
