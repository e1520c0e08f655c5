package io.mlcycle.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a person must know about a workload's pods, in the words Kubernetes used: the scheduler's reason a pod waits
 * ({@code 0/1 nodes are available: 1 Insufficient nvidia.com/gpu}), an image that cannot be pulled, a container that
 * cannot start, or how the last container ended (OOMKilled, or its exit code and termination message).
 */
public record PodTrouble(Kind kind, String reason, String message, Integer exitCode) {

    /** Waiting troubles may clear by themselves; a termination is final for that pod. */
    public enum Kind { WAITING, TERMINATED }

    private static final Set<String> IMAGE_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull");
    private static final Set<String> START_REASONS = Set.of("CreateContainerConfigError", "CreateContainerError",
            "RunContainerError");
    /** A termination message that starts with its reason, e.g. {@code ArtifactDigestMismatch: sha256 mismatch …}. */
    private static final Pattern REASONED = Pattern.compile("([A-Z][A-Za-z]{2,63}): (.+)", Pattern.DOTALL);

    /** The first trouble of a still pending or running pod: unschedulable, image, or container start. */
    public static Optional<PodTrouble> waiting(List<Pod> pods) {
        for (Pod pod : pods) {
            Optional<PodCondition> unscheduled = conditions(pod)
                    .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                            && "Unschedulable".equals(c.getReason()))
                    .findFirst();
            if (unscheduled.isPresent()) {
                return Optional.of(new PodTrouble(Kind.WAITING, "Unschedulable", unscheduled.get().getMessage(), null));
            }
            for (ContainerStatus container : containers(pod)) {
                ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
                if (waiting == null || waiting.getReason() == null) {
                    continue;
                }
                if (IMAGE_REASONS.contains(waiting.getReason())) {
                    return Optional.of(new PodTrouble(Kind.WAITING, "ImagePullFailed", "image " + container.getImage()
                            + " cannot be pulled (" + waiting.getReason() + "): " + waiting.getMessage(), null));
                }
                if (START_REASONS.contains(waiting.getReason())) {
                    return Optional.of(new PodTrouble(Kind.WAITING, waiting.getReason(), waiting.getMessage(), null));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A container of these pods that keeps failing: waiting in CrashLoopBackOff, ended with an error and not yet
     * restarted, or restarted after an error and not ready again. The reason is the first word of its termination message when the program wrote one as
     * {@code Reason: message} (the inference runtime does: ArtifactDigestMismatch, ModelLoadFailed), else
     * CrashLoopBackOff or how it ended (OOMKilled, Error).
     */
    public static Optional<PodTrouble> crashing(List<Pod> pods, String container) {
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue; // a pod being stopped ends its container on purpose
            }
            for (ContainerStatus status : containers(pod)) {
                if (!container.equals(status.getName()) || Boolean.TRUE.equals(status.getReady())) {
                    continue;
                }
                ContainerStateTerminated ended = status.getState() == null ? null : status.getState().getTerminated();
                ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
                boolean looping = waiting != null && "CrashLoopBackOff".equals(waiting.getReason());
                // Between two crashes the container runs again, not yet ready: the last crash still says why, so the
                // reason does not flicker to "starting" with every restart.
                boolean restarted = status.getRestartCount() != null && status.getRestartCount() > 0;
                if (ended == null && (looping || restarted) && status.getLastState() != null) {
                    ended = status.getLastState().getTerminated();
                }
                if (ended == null || ended.getExitCode() == null || ended.getExitCode() == 0) {
                    if (looping) {
                        return Optional.of(new PodTrouble(Kind.TERMINATED, "CrashLoopBackOff", waiting.getMessage(),
                                null));
                    }
                    continue;
                }
                PodTrouble trouble = ofTermination(ended);
                Matcher reasoned = REASONED.matcher(trouble.message());
                if (!"OOMKilled".equals(trouble.reason()) && reasoned.matches()) {
                    return Optional.of(new PodTrouble(Kind.TERMINATED, reasoned.group(1), reasoned.group(2),
                            trouble.exitCode()));
                }
                String restarts = status.getRestartCount() == null ? "" : " (" + status.getRestartCount() + " restarts)";
                return Optional.of(new PodTrouble(Kind.TERMINATED, looping ? "CrashLoopBackOff" : trouble.reason(),
                        "container " + container + " exits with code " + trouble.exitCode() + restarts
                                + (trouble.message().isEmpty() ? "" : ": " + trouble.message()), trouble.exitCode()));
            }
        }
        return Optional.empty();
    }

    /** How the most recently ended failed container of these pods ended. */
    public static Optional<PodTrouble> lastFailure(List<Pod> pods, String container) {
        return pods.stream()
                .flatMap(pod -> containers(pod).stream().filter(c -> container.equals(c.getName())))
                .map(c -> c.getState() == null ? null : c.getState().getTerminated())
                .filter(t -> t != null && t.getExitCode() != null && t.getExitCode() != 0)
                .max(Comparator.comparing(t -> Optional.ofNullable(t.getFinishedAt()).orElse("")))
                .map(PodTrouble::ofTermination);
    }

    /**
     * The termination messages of the containers that finished successfully, rank 0 (completion index 0) first: of
     * several workers, the trainer contract has rank 0 write the result summary.
     */
    public static List<String> successMessages(List<Pod> pods, String container) {
        Comparator<Pod> rankZeroFirst = Comparator.comparing((Pod pod) -> !"0".equals(Optional.ofNullable(
                pod.getMetadata().getAnnotations()).map(a -> a.get("batch.kubernetes.io/job-completion-index"))
                .orElse(null)));
        return pods.stream().sorted(rankZeroFirst)
                .flatMap(pod -> containers(pod).stream().filter(c -> container.equals(c.getName())))
                .map(c -> c.getState() == null ? null : c.getState().getTerminated())
                .filter(t -> t != null && Integer.valueOf(0).equals(t.getExitCode()) && t.getMessage() != null)
                .map(ContainerStateTerminated::getMessage)
                .toList();
    }

    /** Whether some container of this name is seen ended with exit code 0. */
    public static boolean succeeded(List<Pod> pods, String container) {
        return pods.stream().flatMap(pod -> containers(pod).stream().filter(c -> container.equals(c.getName())))
                .map(c -> c.getState() == null ? null : c.getState().getTerminated())
                .anyMatch(t -> t != null && Integer.valueOf(0).equals(t.getExitCode()));
    }

    /** The first of {@link #successMessages}. */
    public static Optional<String> successMessage(List<Pod> pods, String container) {
        return successMessages(pods, container).stream().findFirst();
    }

    private static PodTrouble ofTermination(ContainerStateTerminated terminated) {
        String message = Optional.ofNullable(terminated.getMessage()).map(String::strip).orElse("");
        if ("OOMKilled".equals(terminated.getReason())) {
            return new PodTrouble(Kind.TERMINATED, "OOMKilled", "the container ran out of memory and was killed "
                    + "(OOMKilled, exit code " + terminated.getExitCode() + "): raise spec.resources.memory", 137);
        }
        return new PodTrouble(Kind.TERMINATED, Optional.ofNullable(terminated.getReason()).orElse("Error"), message,
                terminated.getExitCode());
    }

    private static Stream<PodCondition> conditions(Pod pod) {
        return pod.getStatus() == null ? Stream.empty() : Stream.ofNullable(pod.getStatus().getConditions())
                .flatMap(List::stream);
    }

    private static List<ContainerStatus> containers(Pod pod) {
        if (pod.getStatus() == null) {
            return List.of();
        }
        return Stream.concat(Stream.ofNullable(pod.getStatus().getInitContainerStatuses()).flatMap(List::stream),
                Stream.ofNullable(pod.getStatus().getContainerStatuses()).flatMap(List::stream)).toList();
    }
}
