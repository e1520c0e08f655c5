package io.mlcycle.e2e.cluster;

import static io.mlcycle.e2e.support.NodeWorkloads.BUSYBOX;
import static io.mlcycle.e2e.support.NodeWorkloads.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mlcycle.e2e.support.NodeWorkloads;
import io.mlcycle.e2e.support.TestCluster;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pods ask for simulated GPUs as for real ones: they get devices within the node's four, or wait. */
class GpuSchedulingTest {

    private final TestCluster cluster = TestCluster.get();
    private final String namespace = cluster.createNamespace("gpu");
    private final NodeWorkloads workloads = new NodeWorkloads(cluster.client(), namespace);

    @AfterEach
    void deleteNamespace() {
        cluster.deleteNamespace(namespace);
    }

    @Test
    void aPodAskingForOneGpuRunsAndSeesItsDevice() {
        workloads.runOnce("one-gpu", shell("main", BUSYBOX, "echo \"visible=$NVIDIA_VISIBLE_DEVICES\"")
                .withNewResources().withLimits(gpus(1)).endResources()
                .build());

        workloads.awaitPod("one-gpu", NodeWorkloads::succeeded);
        assertThat(workloads.logs("one-gpu")).matches("(?s)visible=GPU-[0-3]\\s*");
    }

    @Test
    void aPodAskingForFiveGpusStaysPendingForWantOfGpus() {
        workloads.runOnce("five-gpus", shell("main", BUSYBOX, "true")
                .withNewResources().withLimits(gpus(5)).endResources()
                .build());

        await().atMost(TestCluster.patience()).until(() -> workloads.eventsAbout("five-gpus").stream()
                .map(Event::getMessage)
                .anyMatch(message -> message.contains("Insufficient nvidia.com/gpu")));
        assertThat(cluster.client().pods().inNamespace(namespace).withName("five-gpus").get().getStatus().getPhase())
                .isEqualTo("Pending");
    }

    private static Map<String, Quantity> gpus(int count) {
        return Map.of("nvidia.com/gpu", new Quantity(Integer.toString(count)));
    }
}
