package io.mlcycle.e2e.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.TrainingJob;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.e2e.support.ClusterS3;
import io.mlcycle.e2e.support.TestCluster;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * examples/distributed/trainingjob.yaml as a user applies it: three pods of an image with Debian's PyTorch run an
 * unchanged {@code torch.distributed} (gloo) script that reads only the env contract, all-reduce across the pods, and
 * rank 0's TorchScript model is registered and validated by the runtime image; as a plain indexed Job and as a JobSet.
 */
class DistributedTrainingOnClusterTest {

    private final TestCluster cluster = TestCluster.get();
    private final String namespace = cluster.createNamespace("ddp");

    @AfterEach
    void deleteNamespace() {
        cluster.deleteNamespace(namespace);
    }

    @Test
    void threeWorkersAllReduceOverTheHeadlessServiceAndRankZeroRegistersTheModel() throws Exception {
        runTheExample("linear-ddp", "Job");
        assertThat(cluster.client().services().inNamespace(namespace).withName("linear-ddp").get().getSpec()
                .getClusterIP()).isEqualTo("None");
    }

    /** The same workers run by the real JobSet controller (built from the Go module proxy into the local cluster). */
    @Test
    void theSameScriptRunsUnchangedAsAJobSet() throws Exception {
        runTheExample("linear-jobset", "JobSet");
        assertThat(cluster.client().genericKubernetesResources("jobset.x-k8s.io/v1alpha2", "JobSet")
                .inNamespace(namespace).withName("linear-jobset").get()).isNotNull();
    }

    private void runTheExample(String name, String runtime) throws Exception {
        new ClusterS3(cluster).copyKeysTo(namespace);
        String manifest = Files.readString(cluster.repository().example("distributed/trainingjob.yaml"))
                .replace("uri: s3://mlcycle/models/", "uri: s3://mlcycle/" + namespace + "/models/")
                .replace("name: linear-ddp", "name: " + name).replace("model: linear-ddp", "model: " + name)
                .replace("  workers: 3\n", "  workers: 3\n  runtime: " + runtime + "\n");
        TrainingJob tj = cluster.client().getKubernetesSerialization().unmarshal(manifest, TrainingJob.class);
        tj.getMetadata().setNamespace(namespace);
        cluster.client().resource(tj).create();

        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            TrainingJob now = cluster.client().resources(TrainingJob.class).inNamespace(namespace).withName(name).get();
            assertThat(now.getStatus()).isNotNull();
            if (now.getStatus().getPhase() == TrainingJobPhase.Failed) {
                throw new IllegalStateException(name + " failed: " + now.getStatus().getConditions().stream()
                        .map(c -> c.getType() + " " + c.getReason() + ": " + c.getMessage()).toList() + logs(name));
            }
            assertThat(now.getStatus().getPhase()).as(String.valueOf(now.getStatus().getConditions().stream()
                    .map(c -> c.getType() + " " + c.getReason() + ": " + c.getMessage()).toList()))
                    .isEqualTo(TrainingJobPhase.Succeeded);
        });
        TrainingJob done = cluster.client().resources(TrainingJob.class).inNamespace(namespace).withName(name).get();
        assertThat(done.getStatus().getWorkers().getSucceeded()).isEqualTo(3);
        assertThat(done.getStatus().getModelVersion()).isEqualTo(name + "-1");
        assertThat(done.getStatus().getMetrics().get("mse")).isLessThan(0.01);

        List<Pod> pods = cluster.client().pods().inNamespace(namespace).withLabel("mlcycle.io/training-job", name)
                .list().getItems();
        assertThat(pods).hasSize(3);
        String logs = logs(name);
        for (int rank = 0; rank < 3; rank++) {
            assertThat(logs).contains("rank " + rank + " of 3: all_reduce of the ranks + 1 = 6");
        }

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            ModelVersion version = cluster.client().resources(ModelVersion.class).inNamespace(namespace)
                    .withName(name + "-1").get();
            assertThat(version.getStatus()).isNotNull();
            assertThat(version.getStatus().getPhase()).as(String.valueOf(version.getStatus().getConditions()))
                    .hasToString("Ready");
        });
    }

    private String logs(String name) {
        StringBuilder text = new StringBuilder();
        for (Pod pod : cluster.client().pods().inNamespace(namespace).withLabel("mlcycle.io/training-job", name)
                .list().getItems()) {
            try {
                text.append(cluster.client().pods().inNamespace(namespace).withName(pod.getMetadata().getName()).getLog());
            } catch (RuntimeException notStarted) {
                text.append(pod.getMetadata().getName()).append(": no log yet\n");
            }
        }
        return text.toString();
    }
}
