package io.mlcycle.e2e.cluster;

import static io.mlcycle.e2e.support.NodeWorkloads.BUSYBOX;
import static io.mlcycle.e2e.support.NodeWorkloads.JRE;
import static io.mlcycle.e2e.support.NodeWorkloads.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.mlcycle.e2e.support.NodeWorkloads;
import io.mlcycle.e2e.support.TestCluster;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Service spreads requests over its ready pods only, and pods find it by its cluster DNS name; names outside the
 * cluster get no answer (cluster DNS forwards nothing off the machine).
 */
class ServiceAndDnsTest {

    private final TestCluster cluster = TestCluster.get();
    private final String namespace = cluster.createNamespace("svc");
    private final NodeWorkloads workloads = new NodeWorkloads(cluster.client(), namespace);

    @AfterEach
    void deleteNamespace() {
        cluster.deleteNamespace(namespace);
    }

    @Test
    void aServiceRoutesToItsReadyPodsAndResolvesByName() {
        webPod("web-a", true);
        webPod("web-b", true);
        webPod("web-never-ready", false);
        cluster.client().resource(new ServiceBuilder()
                .withNewMetadata().withName("web").withNamespace(namespace).endMetadata()
                .withNewSpec()
                    .withSelector(java.util.Map.of("app", "web"))
                    .addNewPort().withPort(80).withNewTargetPort(8080).endPort()
                .endSpec().build()).create();
        String clusterIp = cluster.client().services().inNamespace(namespace).withName("web").get()
                .getSpec().getClusterIP();
        workloads.awaitPod("web-a", ServiceAndDnsTest::ready);
        workloads.awaitPod("web-b", ServiceAndDnsTest::ready);
        // Both in the Service's EndpointSlice; kube-proxy then programs them within its sync period, which the
        // client's requests below outlast (a CI run once saw 30 quick ones all reach the pod kube-proxy knew first).
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() -> cluster.client()
                .discovery().v1().endpointSlices().inNamespace(namespace).withLabel("kubernetes.io/service-name", "web")
                .list().getItems().stream().flatMap(slice -> slice.getEndpoints().stream())
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .count() == 2);

        String fqdn = "web." + namespace + ".svc.cluster.local";
        // the Debian image: glibc's resolver, as Java and Python workloads use it
        workloads.runOnce("client", shell("client", JRE,
                "getent hosts " + fqdn + " | cut -d' ' -f1;"
                        + " getent hosts example.com || echo 'example.com: no answer';"
                        + " for i in $(seq 1 60); do curl -s -m 2 http://web/ || echo failed; sleep 0.2; done").build());
        workloads.awaitPod("client", NodeWorkloads::succeeded);

        String[] lines = workloads.logs("client").strip().split("\n");
        assertThat(lines[0]).as("the DNS answer for " + fqdn).isEqualTo(clusterIp);
        assertThat(lines[1]).as("names outside the cluster: not forwarded anywhere").isEqualTo("example.com: no answer");
        Set<String> servedBy = Arrays.stream(lines).skip(2).map(String::strip).collect(Collectors.toSet());
        assertThat(servedBy).as("who answered 60 requests over 12 s").containsExactlyInAnyOrder("web-a", "web-b");
    }

    private void webPod(String name, boolean ready) {
        cluster.client().resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", "web").endMetadata()
                .withNewSpec()
                    .withTerminationGracePeriodSeconds(1L).withAutomountServiceAccountToken(false)
                    .withContainers(shell("httpd", BUSYBOX,
                            "mkdir -p /tmp/www && hostname > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www")
                            .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                            .withNewReadinessProbe()
                                .withNewExec().withCommand(ready ? "true" : "false").endExec()
                                .withPeriodSeconds(1)
                            .endReadinessProbe()
                            .build())
                    .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build()).create();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
