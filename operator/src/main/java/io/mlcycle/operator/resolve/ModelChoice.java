package io.mlcycle.operator.resolve;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.ModelSelector;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.ModelVersionPhase;

/**
 * The ModelVersion an InferenceService should serve. A pin names one version; {@code track: latest} takes the newest
 * version that is Ready and Approved (newest by version number when both are numbers, as MLflow's registry counts, else
 * by creation time). A Failed, Pending-approval, Rejected or missing version is never chosen: the result then says which
 * version it waits for and why, in words a person can act on.
 */
public final class ModelChoice {

    private ModelChoice() {
    }

    /** The outcome: the version to serve, or why there is none ({@code terminal}: only a change of spec helps). */
    public record Result(Optional<ModelVersion> version, String reason, String message, boolean terminal) {

        static Result serve(ModelVersion version) {
            return new Result(Optional.of(version), "Resolved", "serving " + describe(version), false);
        }

        static Result waiting(String reason, String message, boolean terminal) {
            return new Result(Optional.empty(), reason, message, terminal);
        }
    }

    /** Chooses among {@code versions}, which may hold other models' versions too (they are ignored). */
    public static Result choose(InferenceService service, List<ModelVersion> versions) {
        ModelSelector selector = service.getSpec().getModel();
        List<ModelVersion> ofModel = versions.stream()
                .filter(v -> v.getSpec() != null && selector.getName().equals(v.getSpec().getModel()))
                .filter(v -> v.getMetadata().getDeletionTimestamp() == null)
                .toList();
        return selector.getVersion() != null ? pinned(selector, ofModel) : latest(selector, ofModel);
    }

    private static Result pinned(ModelSelector selector, List<ModelVersion> ofModel) {
        Optional<ModelVersion> found = ofModel.stream().filter(v -> selector.getVersion().equals(v.getSpec().getVersion()))
                .min(Comparator.comparing(v -> v.getMetadata().getName()));
        if (found.isEmpty()) {
            return Result.waiting("ModelVersionNotFound", "no ModelVersion of model " + selector.getName()
                    + " has version " + selector.getVersion() + " in this namespace; register it or pin another version",
                    false);
        }
        ModelVersion version = found.get();
        return unservable(version).orElseGet(() -> Result.serve(version));
    }

    private static Result latest(ModelSelector selector, List<ModelVersion> ofModel) {
        List<ModelVersion> newestFirst = ofModel.stream().sorted(NEWEST_FIRST).toList();
        Optional<ModelVersion> servable = newestFirst.stream().filter(v -> unservable(v).isEmpty()).findFirst();
        if (servable.isPresent()) {
            return Result.serve(servable.get());
        }
        if (newestFirst.isEmpty()) {
            return Result.waiting("ModelVersionNotFound", "model " + selector.getName()
                    + " has no ModelVersion in this namespace yet; train or register one", false);
        }
        Result newest = unservable(newestFirst.get(0)).orElseThrow();
        return Result.waiting(newest.reason(), "no version of model " + selector.getName()
                + " is Ready and Approved; the newest, " + newest.message(), false);
    }

    /** Why this version cannot be served, if it cannot. */
    static Optional<Result> unservable(ModelVersion version) {
        var status = version.getStatus();
        ModelVersionPhase phase = status == null ? null : status.getPhase();
        Approval approval = version.getSpec().getApproval();
        if (phase == ModelVersionPhase.Failed) {
            return Optional.of(Result.waiting("ModelVersionFailed", describe(version)
                    + " failed validation and is never served" + readyMessage(version), true));
        }
        if (approval == Approval.Rejected) {
            return Optional.of(Result.waiting("ModelVersionRejected", describe(version)
                    + " is Rejected and is never served", true));
        }
        if (phase != ModelVersionPhase.Ready) {
            return Optional.of(Result.waiting("ModelVersionNotReady", describe(version) + " is "
                    + (phase == null ? "Pending" : phase) + ": waiting for its validation", false));
        }
        if (approval != Approval.Approved) {
            return Optional.of(Result.waiting("AwaitingApproval", describe(version)
                    + " is Ready but Pending approval: kubectl patch modelversion " + version.getMetadata().getName()
                    + " --type merge -p '{\"spec\":{\"approval\":\"Approved\"}}'", false));
        }
        return Optional.empty();
    }

    private static String describe(ModelVersion version) {
        return "ModelVersion " + version.getMetadata().getName() + " (version " + version.getSpec().getVersion() + ")";
    }

    private static String readyMessage(ModelVersion version) {
        return Optional.ofNullable(version.getStatus()).map(s -> s.getConditions()).stream().flatMap(List::stream)
                .filter(c -> "Ready".equals(c.getType()) && c.getMessage() != null)
                .map(c -> ": " + c.getMessage()).findFirst().orElse("");
    }

    /** Numbers compare as numbers ("10" after "9"), anything else by creation time, then name. */
    static final Comparator<ModelVersion> NEWEST_FIRST = ((Comparator<ModelVersion>) (a, b) -> {
        Long x = number(a.getSpec().getVersion());
        Long y = number(b.getSpec().getVersion());
        if (x != null && y != null && !Objects.equals(x, y)) {
            return Long.compare(x, y);
        }
        String ca = Optional.ofNullable(a.getMetadata().getCreationTimestamp()).orElse("");
        String cb = Optional.ofNullable(b.getMetadata().getCreationTimestamp()).orElse("");
        int byTime = ca.compareTo(cb);
        return byTime != 0 ? byTime : a.getMetadata().getName().compareTo(b.getMetadata().getName());
    }).reversed();

    private static Long number(String version) {
        if (version == null || !version.matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(version);
    }
}
