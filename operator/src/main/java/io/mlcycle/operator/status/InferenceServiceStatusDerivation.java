package io.mlcycle.operator.status;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.mlcycle.api.v1alpha1.AnalysisOutcome;
import io.mlcycle.api.v1alpha1.AnalysisResult;
import io.mlcycle.api.v1alpha1.CanaryPhase;
import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.InferenceServicePhase;
import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.PauseReason;
import io.mlcycle.api.v1alpha1.RolloutOutcome;
import io.mlcycle.api.v1alpha1.RolloutRecord;
import io.mlcycle.api.v1alpha1.VariantStatus;
import io.mlcycle.operator.resolve.ModelChoice;
import io.mlcycle.operator.rollout.CanaryRollout;

/**
 * An InferenceService's status from what was resolved, planned and observed. Ready means clients get answers from the
 * stable version through {@code status.url}; it is False while a stable pod crash-loops (KServe keeps it True), and
 * its reason is the one a person can act on: the scheduler's (no GPU), the runtime's (digest mismatch, load error), or
 * why no version can be served.
 */
public final class InferenceServiceStatusDerivation {

    private InferenceServiceStatusDerivation() {
    }

    /** Everything observed for one reconcile. */
    public record Observation(ModelChoice.Result choice, CanaryRollout.Plan plan, Map<String, RevisionView> revisions,
            TrafficState traffic, String url, String grpcUrl, Instant now) {
    }

    /** The condition that says how the canary of a rollout fares; between rollouts, how the last one ended. */
    public static final String CANARY_HEALTHY = "CanaryHealthy";

    public static InferenceServiceStatus derive(InferenceService service, Observation seen, String container) {
        InferenceServiceStatus previous = service.getStatus();
        long generation = Optional.ofNullable(service.getMetadata().getGeneration()).orElse(0L);
        InferenceServiceStatus status = new InferenceServiceStatus();
        status.setObservedGeneration(generation);
        status.setUrl(seen.url());
        status.setGrpcUrl(seen.grpcUrl());
        seen.plan().applyTo(status, previous);
        seen.plan().stable().ifPresent(v -> observed(status.getStable(), v, seen.revisions()));
        seen.plan().canary().ifPresent(v -> observed(status.getCanary(), v, seen.revisions()));
        ConditionSet conditions = new ConditionSet(previous == null ? null : previous.getConditions(), generation,
                seen.now());
        Verdict verdict = verdict(seen, container);
        conditions.kstatus(verdict.ready(), verdict.reconciling(), verdict.stalled(), verdict.reason(), verdict.message());
        canaryHealth(seen, status.getLastRollout(), container).ifPresent(health -> conditions.set(CANARY_HEALTHY, health.healthy(),
                health.reason(), health.message()));
        status.setConditions(conditions.build());
        status.setPhase(verdict.phase());
        return status;
    }

    /** The conditions' content, decided in one place. */
    record Verdict(boolean ready, boolean reconciling, boolean stalled, String reason, String message,
            InferenceServicePhase phase) {
    }

    static Verdict verdict(Observation seen, String container) {
        ModelChoice.Result choice = seen.choice();
        Optional<CanaryRollout.Variant> stable = seen.plan().stable();
        if (stable.isEmpty()) {
            return new Verdict(false, !choice.terminal(), choice.terminal(), choice.reason(), choice.message(),
                    choice.terminal() ? InferenceServicePhase.Failed : InferenceServicePhase.Pending);
        }
        RevisionView revision = seen.revisions().get(stable.get().name());
        String serving = "version " + stable.get().version().getSpec().getVersion() + " ("
                + stable.get().name() + ")";
        Optional<PodTrouble> crash = revision == null ? Optional.empty()
                : PodTrouble.crashing(revision.pods(), container);
        if (crash.isPresent()) {
            return new Verdict(false, false, true, crash.get().reason(), serving + " cannot serve: "
                    + crash.get().message(), InferenceServicePhase.Failed);
        }
        int ready = revision == null ? 0 : revision.readyReplicas();
        if (ready < 1) {
            Optional<PodTrouble> waiting = revision == null ? Optional.empty() : PodTrouble.waiting(revision.pods());
            return waiting.map(w -> new Verdict(false, true, false, w.reason(), serving + " cannot start: "
                            + w.message(), InferenceServicePhase.Pending))
                    .orElseGet(() -> new Verdict(false, true, false, "RevisionStarting", serving
                            + " is starting: fetching and loading the model", InferenceServicePhase.Pending));
        }
        TrafficState traffic = seen.traffic();
        if (!traffic.ready()) {
            return new Verdict(false, !traffic.stalled(), traffic.stalled(), traffic.reason(), serving + " is Ready; "
                    + traffic.message(), traffic.stalled() ? InferenceServicePhase.Failed : InferenceServicePhase.Pending);
        }
        Optional<CanaryRollout.Variant> canary = seen.plan().canary();
        if (canary.isPresent()) {
            return switching(seen, canary.get(), serving, container);
        }
        if (seen.plan().held().isPresent()) {
            return new Verdict(true, false, false, "RolledBack", "serving " + serving + "; " + seen.plan().held().get(),
                    InferenceServicePhase.Ready);
        }
        if (choice.version().isEmpty()) {
            // A newer pin or track result cannot be served: the stable version keeps serving, and status says why.
            return new Verdict(true, !choice.terminal(), choice.terminal(), choice.reason(), "serving " + serving
                    + "; " + choice.message(), InferenceServicePhase.Ready);
        }
        return new Verdict(true, false, false, "Serving", "serving " + serving
                + (seen.url() == null ? "" : " at " + seen.url()),
                InferenceServicePhase.Ready);
    }

    private static Verdict switching(Observation seen, CanaryRollout.Variant canary, String serving, String container) {
        RevisionView revision = seen.revisions().get(canary.name());
        String next = "version " + canary.version().getSpec().getVersion() + " (" + canary.name() + ")";
        CanaryRollout.CanaryState state = canary.state().orElseThrow();
        if (state.phase() == CanaryPhase.Promoting) {
            return new Verdict(true, true, false, "Promoting", "all traffic goes to " + next + "; the previous "
                    + serving + " drains, then is removed", InferenceServicePhase.Progressing);
        }
        if (state.phase() == CanaryPhase.Paused) {
            return new Verdict(true, false, false, "RolloutPaused", "serving " + serving + "; " + next + " at "
                    + canary.weight() + "%: " + state.message(), InferenceServicePhase.Progressing);
        }
        Optional<PodTrouble> trouble = revision == null ? Optional.empty()
                : PodTrouble.crashing(revision.pods(), container).or(() -> PodTrouble.waiting(revision.pods()));
        if (state.phase() == CanaryPhase.Starting && trouble.isPresent()) {
            return new Verdict(true, true, false, trouble.get().reason(), "serving " + serving + "; " + next
                    + " cannot start: " + trouble.get().message(), InferenceServicePhase.Progressing);
        }
        if (state.phase() == CanaryPhase.Starting) {
            return new Verdict(true, true, false, "StartingRevision", "serving " + serving + "; starting " + next
                    + ", which takes traffic once Ready", InferenceServicePhase.Progressing);
        }
        String analysis = state.history().isEmpty() ? "" : "; last analysis: "
                + state.history().get(state.history().size() - 1).getMessage();
        if (state.phase() == CanaryPhase.Mirroring) {
            return new Verdict(true, true, false, "Mirroring", "serving " + serving + "; " + next
                    + seen.plan().mirror().map(m -> " gets copies of " + m.percent() + "% of requests")
                            .orElse(" gets no copies while it has no Ready pod") + analysis,
                    InferenceServicePhase.Progressing);
        }
        return new Verdict(true, true, false, "RollingOut", "serving " + serving + "; " + next + " gets "
                + canary.weight() + "% at step " + (state.step() + 1) + "/" + state.steps() + analysis,
                InferenceServicePhase.Progressing);
    }

    /** A condition a person (and Argo CD) can read during a rollout: is the canary well so far. */
    record CanaryHealth(boolean healthy, String reason, String message) {
    }

    static Optional<CanaryHealth> canaryHealth(Observation seen, RolloutRecord lastRollout, String container) {
        Optional<CanaryRollout.Variant> canary = seen.plan().canary();
        if (canary.isEmpty()) {
            return Optional.ofNullable(lastRollout).map(record -> record.getOutcome()
                    == RolloutOutcome.RolledBack
                    ? new CanaryHealth(false, "RolledBack", "version " + record.getTo() + " was rolled back: "
                            + record.getReason())
                    : new CanaryHealth(true, record.getOutcome().name(), "version " + record.getTo() + " "
                            + record.getOutcome().name().toLowerCase(java.util.Locale.ROOT)));
        }
        CanaryRollout.CanaryState state = canary.get().state().orElseThrow();
        RevisionView revision = seen.revisions().get(canary.get().name());
        Optional<PodTrouble> crash = revision == null ? Optional.empty()
                : PodTrouble.crashing(revision.pods(), container);
        if (crash.isPresent()) {
            return Optional.of(new CanaryHealth(false, crash.get().reason(), crash.get().message()));
        }
        if (state.pauseReason() == PauseReason.AnalysisFailed) {
            return Optional.of(new CanaryHealth(false, "AnalysisFailed", state.message()));
        }
        Optional<AnalysisResult> last = state.history().isEmpty() ? Optional.empty()
                : Optional.of(state.history().get(state.history().size() - 1));
        return Optional.of(last.map(a -> new CanaryHealth(a.getOutcome() != AnalysisOutcome.Failed,
                "Analysis" + a.getOutcome(), a.getMessage()))
                .orElseGet(() -> new CanaryHealth(true, "NoAnalysisYet", "no analysis of the canary yet")));
    }

    /** What only the cluster knows of a variant: its Ready and desired pods. */
    private static void observed(VariantStatus status, CanaryRollout.Variant variant,
            Map<String, RevisionView> revisions) {
        RevisionView revision = revisions.get(variant.name());
        status.setReadyReplicas(revision == null ? 0 : revision.readyReplicas());
        status.setReplicas(revision == null ? null : revision.replicas());
    }
}
