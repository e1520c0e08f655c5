package io.mlcycle.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.mlcycle.e2e.support.TestCluster;
import org.junit.jupiter.api.Test;

/** The cluster has one real node: Ready, Kubernetes v1.34.4 on containerd, advertising four simulated GPUs. */
class NodeTest {

    private final TestCluster cluster = TestCluster.get();

    @Test
    void theNodeIsReadyOnV1344WithFourGpus() {
        Node node = cluster.client().nodes().withName("mlcycle-node").get();
        assertThat(node).as("node mlcycle-node").isNotNull();

        assertThat(node.getStatus().getConditions())
                .filteredOn(c -> "Ready".equals(c.getType()))
                .extracting(NodeCondition::getStatus)
                .containsExactly("True");
        assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.34.4");
        assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("containerd://");

        assertThat(node.getStatus().getAllocatable().get("nvidia.com/gpu")).isEqualTo(new Quantity("4"));
        assertThat(node.getMetadata().getLabels()).containsEntry("nvidia.com/gpu.present", "true");
    }
}
