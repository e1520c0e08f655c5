package io.mlcycle.e2e.support;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cluster the tests run against: any kubeconfig ({@code -Dmlcycle.kubeconfig}, else {@code $KUBECONFIG}, else the
 * harness's {@code /tmp/mlcycle-cluster/kubeconfig}). The mlcycle CRDs from crds/ are applied once per test run.
 */
public final class TestCluster {

    private static TestCluster instance;

    private final Path kubeconfig;
    private final KubernetesClient client;
    private final Repository repository = new Repository();

    private TestCluster(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
        try {
            this.client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig
                    + " (start a cluster with `make apiserver-up`, or set KUBECONFIG)", e);
        }
    }

    /** The shared cluster, with the CRDs installed and Established. */
    public static synchronized TestCluster get() {
        if (instance == null) {
            instance = new TestCluster(kubeconfigPath());
            instance.installCrds();
        }
        return instance;
    }

    private static Path kubeconfigPath() {
        String configured = System.getProperty("mlcycle.kubeconfig", System.getenv("KUBECONFIG"));
        String path = configured == null || configured.isBlank() ? "/tmp/mlcycle-cluster/kubeconfig" : configured;
        return Path.of(path.split(":")[0]);
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public Repository repository() {
        return repository;
    }

    /** kubectl — the one built with the cluster when there is one — talking to this cluster. */
    public Kubectl kubectl() {
        return new Kubectl(kubeconfig);
    }

    /** A fresh namespace; delete it with {@link #deleteNamespace}. */
    public String createNamespace(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
        client.resource(namespace).create();
        return name;
    }

    public void deleteNamespace(String name) {
        client.namespaces().withName(name).delete();
    }

    private void installCrds() {
        List<Path> files = repository.crds();
        for (Path file : files) {
            try (var in = Files.newInputStream(file)) {
                CustomResourceDefinition crd = client.getKubernetesSerialization()
                        .unmarshal(in, CustomResourceDefinition.class);
                client.resource(crd).forceConflicts().serverSideApply();
                client.resource(crd).waitUntilCondition(TestCluster::established, 30, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && Stream.ofNullable(crd.getStatus().getConditions())
                .flatMap(List::stream)
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** How long the tests wait for the cluster to act. */
    public static Duration patience() {
        return Duration.ofSeconds(60);
    }
}
