package io.mlcycle.e2e.cluster;

import static io.mlcycle.e2e.support.NodeWorkloads.BUSYBOX;
import static io.mlcycle.e2e.support.NodeWorkloads.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.mlcycle.e2e.support.TestCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jobs and restarts behave as the training reconciler will rely on: completion, retries, failure, crash loops. */
class JobLifecycleTest {

    private final TestCluster cluster = TestCluster.get();
    private final String namespace = cluster.createNamespace("jobs");

    @AfterEach
    void deleteNamespace() {
        cluster.deleteNamespace(namespace);
    }

    @Test
    void aJobExitingZeroCompletesWithItsTerminationMessage() {
        create(job("trains", 0, shell("trainer", BUSYBOX,
                "echo '{\"accuracy\":0.97}' > /dev/termination-log").build()));

        awaitCondition("trains", "Complete");
        Pod pod = podsOf("trains").get(0);
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getMessage())
                .isEqualTo("{\"accuracy\":0.97}\n");
    }

    @Test
    void aJobExitingOneIsRetriedPerBackoffLimitThenFails() {
        create(job("fails", 1, shell("trainer", BUSYBOX, "echo 'no data' >&2; exit 1").build()));

        JobCondition failed = awaitCondition("fails", "Failed");
        assertThat(failed.getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(podsOf("fails")).as("the first try and one retry").hasSize(2)
                .allSatisfy(pod -> assertThat(pod.getStatus().getPhase()).isEqualTo("Failed"));
    }

    @Test
    void aCrashingContainerIsRestartedAndShowsItsRestarts() {
        cluster.client().resource(new PodBuilder()
                .withNewMetadata().withName("crasher").withNamespace(namespace).endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Always").withTerminationGracePeriodSeconds(1L)
                    .withContainers(shell("main", BUSYBOX, "exit 3").build())
                .endSpec().build()).create();

        await().atMost(TestCluster.patience()).pollInterval(Duration.ofMillis(500)).until(() -> {
            ContainerStatus status = cluster.client().pods().inNamespace(namespace).withName("crasher").get()
                    .getStatus().getContainerStatuses().stream().findFirst().orElse(null);
            return status != null && status.getRestartCount() >= 1 && status.getLastState().getTerminated() != null
                    && status.getLastState().getTerminated().getExitCode() == 3;
        });
    }

    private static Job job(String name, int backoffLimit, Container container) {
        return new JobBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                    .withBackoffLimit(backoffLimit)
                    .withNewTemplate().withNewSpec()
                        .withRestartPolicy("Never").withTerminationGracePeriodSeconds(1L)
                        .withAutomountServiceAccountToken(false)
                        .withContainers(container)
                    .endSpec().endTemplate()
                .endSpec()
                .build();
    }

    private void create(Job job) {
        cluster.client().batch().v1().jobs().inNamespace(namespace).resource(job).create();
    }

    private JobCondition awaitCondition(String job, String type) {
        return await().atMost(TestCluster.patience().multipliedBy(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Job current = cluster.client().batch().v1().jobs().inNamespace(namespace).withName(job).get();
                    return current.getStatus() == null || current.getStatus().getConditions() == null ? null
                            : current.getStatus().getConditions().stream()
                                    .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                                    .findFirst().orElse(null);
                }, condition -> condition != null);
    }

    private List<Pod> podsOf(String job) {
        return cluster.client().pods().inNamespace(namespace).withLabel("job-name", job).list().getItems();
    }
}
