package io.mlcycle.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mlcycle.api.v1alpha1.TrainingProgress;
import io.mlcycle.operator.desired.TrainerWorkload;
import io.mlcycle.operator.status.ProgressLine;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a running trainer's progress from the tail of its log (the operator has {@code pods/log}; the trainer pod
 * has no API credentials at all). Of several workers, the lowest-ranked running one speaks for the run.
 */
final class TrainerLogs {

    private static final int TAIL_LINES = 40;

    private final KubernetesClient client;

    TrainerLogs(KubernetesClient client) {
        this.client = client;
    }

    private static int rank(Pod pod) {
        String index = Optional.ofNullable(pod.getMetadata().getAnnotations())
                .map(a -> a.get("batch.kubernetes.io/job-completion-index")).orElse("0");
        return index.matches("[0-9]{1,6}") ? Integer.parseInt(index) : Integer.MAX_VALUE;
    }

    Optional<TrainingProgress> progress(List<Pod> pods) {
        Optional<Pod> speaker = pods.stream()
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .min(Comparator.comparingInt(TrainerLogs::rank));
        if (speaker.isEmpty()) {
            return Optional.empty();
        }
        try {
            String tail = client.pods().inNamespace(speaker.get().getMetadata().getNamespace())
                    .withName(speaker.get().getMetadata().getName()).inContainer(TrainerWorkload.CONTAINER)
                    .tailingLines(TAIL_LINES).getLog();
            return ProgressLine.last(tail);
        } catch (KubernetesClientException e) {
            return Optional.empty();   // the container is starting or just ended: the next read will tell
        }
    }
}
