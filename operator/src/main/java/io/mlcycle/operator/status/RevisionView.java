package io.mlcycle.operator.status;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** What was observed of one revision: its Deployment, if it exists yet, and its pods. */
public record RevisionView(String name, Optional<Deployment> deployment, List<Pod> pods) {

    public int readyReplicas() {
        return deployment.map(Deployment::getStatus).map(s -> s.getReadyReplicas()).orElse(0);
    }

    /** Its pods whose Ready condition is True (the ones that get traffic). */
    public List<Pod> readyPods() {
        return pods.stream().filter(RevisionView::ready).toList();
    }

    /** Whether a pod's Ready condition is True. */
    public static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The replicas the Deployment asks for (the HPA's choice when one scales it). */
    public Integer replicas() {
        return deployment.map(Deployment::getSpec).map(s -> s.getReplicas()).orElse(null);
    }
}
