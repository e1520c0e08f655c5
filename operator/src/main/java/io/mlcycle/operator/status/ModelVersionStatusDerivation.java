package io.mlcycle.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionPhase;
import io.mlcycle.api.v1alpha1.ModelVersionStatus;
import io.mlcycle.operator.desired.ChampionGate;
import io.mlcycle.operator.desired.ValidationWorkload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ModelVersion's status from its validation Job: Validating, then Ready (digest, size and time recorded) or Failed
 * with the runtime's reason; an {@code Approved} condition from spec.approval; for a retrain with the Auto policy a
 * {@code ChampionGate} condition with both figures; the headline metric for kubectl.
 * Validation concludes once per artifact (the artifact is immutable), so a concluded result outlives its Job.
 */
public final class ModelVersionStatusDerivation {

    public static final String APPROVED = "Approved";
    /** A retrain with the Auto policy: whether it beat the version it retrains (see {@link ChampionGate}). */
    public static final String CHAMPION_GATE = "ChampionGate";

    /** The runtime's validate-mode exit codes (inference-runtime/README.md) as condition reasons. */
    static final Map<Integer, String> EXIT_REASONS = Map.of(
            2, "InvalidValidationSettings",
            3, "ArtifactUnavailable",
            4, "LoadFailed",
            5, "InferenceFailed",
            6, "WrongAnswers");

    private ModelVersionStatusDerivation() {
    }

    /** Whether validation already concluded for the artifact the spec names: then no Job is (re)created. */
    public static boolean concluded(ModelVersion version) {
        ModelVersionStatus status = version.getStatus();
        return status != null && (status.getPhase() == ModelVersionPhase.Ready || status.getPhase() == ModelVersionPhase.Failed)
                && version.getSpec().getArtifact().getSha256().equals(status.getValidatedDigest());
    }

    public static ModelVersionStatus derive(ModelVersion version, Optional<Job> job, List<Pod> pods, Instant now) {
        ModelVersionStatus previous = Optional.ofNullable(version.getStatus()).orElseGet(ModelVersionStatus::new);
        long generation = Optional.ofNullable(version.getMetadata().getGeneration()).orElse(0L);
        ModelVersionStatus status = new ModelVersionStatus();
        status.setObservedGeneration(generation);
        status.setServedBy(previous.getServedBy());
        status.setMetric(Headline.of(version.getSpec().getMetrics()));
        status.setValidationJob(job.map(j -> j.getMetadata().getName()).orElse(previous.getValidationJob()));
        ConditionSet conditions = new ConditionSet(previous.getConditions(), generation, now);
        String sha256 = version.getSpec().getArtifact().getSha256();

        if (concluded(version)) {
            status.setPhase(previous.getPhase());
            status.setValidatedDigest(previous.getValidatedDigest());
            status.setValidatedSize(previous.getValidatedSize());
            status.setValidatedAt(previous.getValidatedAt());
            conditions.carry(ConditionSet.READY, ConditionSet.RECONCILING, ConditionSet.STALLED);
        } else if (job.isEmpty()) {
            status.setPhase(ModelVersionPhase.Validating);
            conditions.kstatus(false, true, false, "Validating", "starting the validation Job");
        } else if (JobConditions.find(job.get(), "Complete").or(() -> JobConditions.find(job.get(),
                "SuccessCriteriaMet")).isPresent()) {
            status.setPhase(ModelVersionPhase.Ready);
            status.setValidatedDigest(sha256);
            status.setValidatedSize(version.getSpec().getArtifact().getSize());
            status.setValidatedAt(Optional.ofNullable(job.get().getStatus().getCompletionTime()).orElse(now.toString()));
            String line = PodTrouble.successMessage(pods, ValidationWorkload.CONTAINER).map(String::strip)
                    .orElse("the runtime validated the artifact");
            conditions.kstatus(true, false, false, "Validated", line);
        } else if (JobConditions.find(job.get(), "Failed").isPresent()) {
            status.setPhase(ModelVersionPhase.Failed);
            status.setValidatedDigest(sha256);
            status.setValidatedAt(Optional.ofNullable(JobConditions.find(job.get(), "Failed").get().getLastTransitionTime())
                    .orElse(now.toString()));
            Optional<PodTrouble> trouble = PodTrouble.lastFailure(pods, ValidationWorkload.CONTAINER);
            String reason = trouble.map(t -> reason(t)).orElse(JobConditions.find(job.get(), "Failed").get().getReason());
            String message = trouble.map(PodTrouble::message).filter(m -> !m.isBlank())
                    .orElse(Optional.ofNullable(JobConditions.find(job.get(), "Failed").get().getMessage())
                            .orElse("the validation Job failed"));
            conditions.kstatus(false, false, true, Optional.ofNullable(reason).orElse("ValidationFailed"),
                    message + " — a Failed ModelVersion is never served; register a new version with a good artifact");
        } else {
            status.setPhase(ModelVersionPhase.Validating);
            Optional<PodTrouble> waiting = PodTrouble.waiting(pods);
            if (waiting.isPresent()) {
                conditions.kstatus(false, true, !"Unschedulable".equals(waiting.get().reason()),
                        waiting.get().reason(), waiting.get().message());
            } else {
                conditions.kstatus(false, true, false, "Validating", "the runtime is fetching, checking and loading "
                        + "the artifact");
            }
        }
        Approval approval = Optional.ofNullable(version.getSpec().getApproval()).orElse(Approval.Pending);
        switch (approval) {
            case Approved -> conditions.set(APPROVED, true, "Approved", "spec.approval is Approved");
            case Pending -> conditions.set(APPROVED, false, "PendingApproval",
                    "spec.approval is Pending: set it to Approved for InferenceServices that track latest to serve it");
            case Rejected -> conditions.set(APPROVED, false, "Rejected", "spec.approval is Rejected: it is never served");
        }
        Map<String, String> annotations = Optional.ofNullable(version.getMetadata().getAnnotations()).orElse(Map.of());
        if (ChampionGate.AUTO.equals(annotations.get(ChampionGate.POLICY))) {
            ChampionGate.Verdict gate = ChampionGate.judge(annotations, version.getSpec().getMetrics());
            conditions.set(CHAMPION_GATE, gate.passed(), gate.reason(), gate.message()
                    + (gate.passed() ? "" : "; it stays Pending until a person decides"));
        }
        status.setConditions(conditions.build());
        return status;
    }

    private static String reason(PodTrouble trouble) {
        if ("OOMKilled".equals(trouble.reason())) {
            return "OOMKilled";
        }
        if (trouble.exitCode() != null && trouble.exitCode() == 3 && trouble.message().contains("sha256 mismatch")) {
            return "DigestMismatch";
        }
        return EXIT_REASONS.getOrDefault(trouble.exitCode(), "ValidationFailed");
    }

}
