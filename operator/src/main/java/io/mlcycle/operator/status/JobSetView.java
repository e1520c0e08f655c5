package io.mlcycle.operator.status;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JobSet seen as the one Job it stands for, so a TrainingJob's status comes from one derivation whichever runtime
 * ran it: the JobSet's {@code Completed} / {@code Failed} / {@code Suspended} conditions become the Job's
 * {@code Complete} / {@code Failed} / {@code Suspended}, and the worker counts are its pods' (the JobSet counts child
 * Jobs, not workers).
 */
public final class JobSetView {

    private JobSetView() {
    }

    public static Job asJob(GenericKubernetesResource jobSet, List<Pod> pods) {
        Map<String, Object> status = map(jobSet.getAdditionalProperties().get("status"));
        Map<String, Object> spec = map(jobSet.getAdditionalProperties().get("spec"));
        List<JobCondition> conditions = new ArrayList<>();
        for (Object item : list(status.get("conditions"))) {
            Map<String, Object> c = map(item);
            String type = switch (String.valueOf(c.get("type"))) {
                case "Completed" -> "Complete";
                case "Failed" -> "Failed";
                case "Suspended" -> "Suspended";
                default -> null;
            };
            if (type != null) {
                conditions.add(new JobConditionBuilder().withType(type).withStatus(string(c.get("status")))
                        .withReason(string(c.get("reason"))).withMessage(string(c.get("message")))
                        .withLastTransitionTime(string(c.get("lastTransitionTime"))).build());
            }
        }
        String completed = conditions.stream().filter(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()))
                .map(JobCondition::getLastTransitionTime).findFirst().orElse(null);
        String started = pods.stream().map(p -> p.getStatus() == null ? null : p.getStatus().getStartTime())
                .filter(Objects::nonNull).sorted().findFirst().orElse(null);
        return new JobBuilder()
                .withNewMetadata().withName(jobSet.getMetadata().getName())
                    .withNamespace(jobSet.getMetadata().getNamespace()).endMetadata()
                .withNewSpec().withSuspend(Boolean.TRUE.equals(spec.get("suspend"))).endSpec()
                .withNewStatus()
                    .withActive(count(pods, "Running") + count(pods, "Pending"))
                    .withSucceeded(count(pods, "Succeeded"))
                    .withFailed(count(pods, "Failed"))
                    .withStartTime(started)
                    .withCompletionTime(completed)
                    .withConditions(conditions)
                .endStatus()
                .build();
    }

    private static int count(List<Pod> pods, String phase) {
        return (int) pods.stream().filter(p -> p.getStatus() != null && phase.equals(p.getStatus().getPhase())).count();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String string(Object value) {
        return Optional.ofNullable(value).map(String::valueOf).orElse(null);
    }
}
