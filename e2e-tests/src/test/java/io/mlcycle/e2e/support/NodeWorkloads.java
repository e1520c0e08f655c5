package io.mlcycle.e2e.support;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Pods and containers that run on the cluster's real node, from the images the harness imported
 * (there is no registry: {@code imagePullPolicy: Never}), non-root and with a read-only root filesystem.
 */
public final class NodeWorkloads {

    /** Debian's busybox-static: sh, httpd and the usual tools (its DNS lookups need a glibc image: use {@link #JRE}). */
    public static final String BUSYBOX = "mlcycle.local/busybox:1";
    /** The Debian Java 17 JRE base image (with curl). */
    public static final String JRE = "mlcycle.local/jre:17";

    private final KubernetesClient client;
    private final String namespace;

    public NodeWorkloads(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** A container running {@code script} with {@code sh -c}. */
    public static ContainerBuilder shell(String name, String image, String script) {
        return new ContainerBuilder()
                .withName(name)
                .withImage(image)
                .withImagePullPolicy("Never")
                .withCommand("/bin/sh", "-c", script)
                .withNewSecurityContext()
                    .withRunAsNonRoot(true).withRunAsUser(65532L)
                    .withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext();
    }

    /** Creates a pod of one container that is never restarted. */
    public Pod runOnce(String name, Container container) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withTerminationGracePeriodSeconds(1L)
                    .withAutomountServiceAccountToken(false)
                    .withContainers(container)
                .endSpec()
                .build();
        return client.resource(pod).create();
    }

    /** Waits until the pod satisfies {@code condition}; returns it. */
    public Pod awaitPod(String name, Predicate<Pod> condition) {
        return await().atMost(TestCluster.patience()).pollInterval(Duration.ofMillis(500))
                .until(() -> client.pods().inNamespace(namespace).withName(name).get(),
                        pod -> pod != null && condition.test(pod));
    }

    public static boolean succeeded(Pod pod) {
        return "Succeeded".equals(pod.getStatus().getPhase());
    }

    public String logs(String pod) {
        return client.pods().inNamespace(namespace).withName(pod).getLog();
    }

    /** The events the cluster recorded about one object of this namespace. */
    public List<Event> eventsAbout(String objectName) {
        return client.v1().events().inNamespace(namespace)
                .withField("involvedObject.name", objectName).list().getItems();
    }
}
