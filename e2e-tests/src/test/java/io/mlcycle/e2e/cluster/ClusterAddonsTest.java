package io.mlcycle.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.mlcycle.e2e.support.TestCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cluster DNS, the autoscalers' metrics APIs and the operator run as pods; the operator holds only the permissions it
 * needs.
 */
class ClusterAddonsTest {

    private static final String OPERATOR = "system:serviceaccount:mlcycle-system:mlcycle-operator";

    private final TestCluster cluster = TestCluster.get();

    @Test
    void coreDnsServesTheKubeDnsService() {
        assertThat(readyPods("kube-system", "k8s-app", "kube-dns")).hasSize(1);
        assertThat(cluster.client().services().inNamespace("kube-system").withName("kube-dns").get()
                .getSpec().getClusterIP()).isEqualTo("10.96.0.10");
    }

    @Test
    void theAutoscalersMetricApisAreServed() {
        // Resource metrics from metrics-server, custom metrics from prometheus-adapter: one would not shadow the other.
        assertThat(cluster.kubectl().run("get", "apiservice", "v1beta1.metrics.k8s.io",
                "v1beta1.custom.metrics.k8s.io", "-o", "jsonpath={range .items[*]}{.metadata.name} {.spec.service.name} "
                        + "{.status.conditions[?(@.type=='Available')].status}{'\\n'}{end}").assertSuccess().stdout())
                .contains("v1beta1.metrics.k8s.io metrics-server True")
                .contains("v1beta1.custom.metrics.k8s.io prometheus-adapter True");
        assertThat(cluster.kubectl().run("get", "--raw", "/apis/custom.metrics.k8s.io/v1beta1").assertSuccess()
                .stdout()).contains("\"groupVersion\":\"custom.metrics.k8s.io/v1beta1\"");
    }

    @Test
    void theOperatorRunsAsItsOwnServiceAccountNonRootOnAReadOnlyRoot() {
        List<Pod> pods = readyPods("mlcycle-system", "app.kubernetes.io/name", "mlcycle-operator");
        assertThat(pods).hasSize(1);
        Pod pod = pods.get(0);
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("mlcycle-operator");
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    }

    @Test
    void theOperatorMayDoItsJobAndNothingMore() {
        assertThat(allowed("watch", "mlcycle.io", "inferenceservices", "", "team-a")).isTrue();
        assertThat(allowed("patch", "mlcycle.io", "trainingjobs", "status", "team-a")).isTrue();
        assertThat(allowed("create", "batch", "jobs", "", "team-a")).isTrue();
        assertThat(allowed("create", "", "events", "", "team-a")).isTrue();
        assertThat(allowed("create", "mlcycle.io", "modelversions", "", "team-a")).as("registering a version").isTrue();
        assertThat(allowed("get", "", "pods", "log", "team-a")).as("reading a trainer's progress").isTrue();
        assertThat(allowed("update", "coordination.k8s.io", "leases", "", "mlcycle-system")).as("leader election").isTrue();

        assertThat(allowed("patch", "mlcycle.io", "inferenceservices", "", "team-a"))
                .as("removing a rollout-action annotation once acted on").isTrue();

        assertThat(allowed("update", "mlcycle.io", "trainingjobs", "", "team-a")).as("writing spec").isFalse();
        assertThat(allowed("update", "mlcycle.io", "inferenceservices", "", "team-a")).as("replacing an InferenceService")
                .isFalse();
        assertThat(allowed("update", "mlcycle.io", "modelversions", "", "team-a")).as("rewriting a version").isFalse();
        assertThat(allowed("delete", "mlcycle.io", "modelversions", "", "team-a")).as("deleting a version").isFalse();
        assertThat(allowed("update", "coordination.k8s.io", "leases", "", "team-a")).as("leases elsewhere").isFalse();
        assertThat(allowed("list", "", "secrets", "", "")).as("listing secrets cluster-wide").isFalse();
        assertThat(allowed("get", "", "secrets", "", "mlcycle-system")).as("reading a secret").isFalse();
        assertThat(allowed("delete", "", "nodes", "", "")).as("deleting nodes").isFalse();
        assertThat(allowed("create", "rbac.authorization.k8s.io", "clusterrolebindings", "", ""))
                .as("granting itself more").isFalse();
        assertThat(allowed("create", "", "pods", "exec", "team-a")).as("exec into pods").isFalse();
    }

    private boolean allowed(String verb, String group, String resource, String subresource, String namespace) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder()
                .withNewSpec().withUser(OPERATOR)
                    .withGroups("system:serviceaccounts", "system:serviceaccounts:mlcycle-system", "system:authenticated")
                    .withNewResourceAttributes()
                        .withVerb(verb).withGroup(group).withResource(resource)
                        .withSubresource(subresource).withNamespace(namespace)
                    .endResourceAttributes()
                .endSpec().build();
        return cluster.client().authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
    }

    private List<Pod> readyPods(String namespace, String label, String value) {
        return cluster.client().pods().inNamespace(namespace).withLabel(label, value).list().getItems().stream()
                .filter(p -> p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }
}
