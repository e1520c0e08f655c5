package io.mlcycle.operator.status;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.mlcycle.api.v1alpha1.InferenceService;
import io.mlcycle.api.v1alpha1.InferenceServicePhase;
import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.VariantStatus;
import io.mlcycle.operator.resolve.ModelChoice;
import io.mlcycle.operator.rollout.Switchover;

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
    public record Observation(ModelChoice.Result choice, Switchover.Plan plan, Map<String, RevisionView> revisions,
            TrafficState traffic, String url, String grpcUrl, Instant now) {
    }

    public static InferenceServiceStatus derive(InferenceService service, Observation seen, String container) {
        InferenceServiceStatus previous = service.getStatus();
        long generation = Optional.ofNullable(service.getMetadata().getGeneration()).orElse(0L);
        InferenceServiceStatus status = new InferenceServiceStatus();
        status.setObservedGeneration(generation);
        status.setUrl(seen.url());
        status.setGrpcUrl(seen.grpcUrl());
        status.setLastRollout(previous == null ? null : previous.getLastRollout());
        seen.plan().stable().ifPresent(v -> status.setStable(variant(v, seen.revisions())));
        seen.plan().canary().ifPresent(v -> status.setCanary(variant(v, seen.revisions())));
        ConditionSet conditions = new ConditionSet(previous == null ? null : previous.getConditions(), generation,
                seen.now());
        Verdict verdict = verdict(seen, container);
        conditions.kstatus(verdict.ready(), verdict.reconciling(), verdict.stalled(), verdict.reason(), verdict.message());
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
        Optional<Switchover.Variant> stable = seen.plan().stable();
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
        Optional<Switchover.Variant> canary = seen.plan().canary();
        if (canary.isPresent()) {
            return switching(seen, canary.get(), serving, container);
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

    private static Verdict switching(Observation seen, Switchover.Variant canary, String serving, String container) {
        RevisionView revision = seen.revisions().get(canary.name());
        String next = "version " + canary.version().getSpec().getVersion() + " (" + canary.name() + ")";
        if (canary.weight() >= 100) {
            return new Verdict(true, true, false, "Switching", "all traffic goes to " + next + "; the previous "
                    + serving + " drains, then is removed", InferenceServicePhase.Progressing);
        }
        Optional<PodTrouble> trouble = revision == null ? Optional.empty()
                : PodTrouble.crashing(revision.pods(), container).or(() -> PodTrouble.waiting(revision.pods()));
        if (trouble.isPresent()) {
            return new Verdict(true, true, false, trouble.get().reason(), "serving " + serving + "; " + next
                    + " cannot start: " + trouble.get().message(), InferenceServicePhase.Progressing);
        }
        return new Verdict(true, true, false, "StartingRevision", "serving " + serving + "; starting " + next
                + ", which takes traffic once Ready", InferenceServicePhase.Progressing);
    }

    private static VariantStatus variant(Switchover.Variant variant, Map<String, RevisionView> revisions) {
        VariantStatus status = new VariantStatus();
        status.setModelVersion(variant.name());
        status.setVersion(variant.version().getSpec().getVersion());
        RevisionView revision = revisions.get(variant.name());
        status.setReadyReplicas(revision == null ? 0 : revision.readyReplicas());
        status.setReplicas(revision == null ? null : revision.replicas());
        status.setWeight(variant.weight());
        status.setSince(variant.since());
        return status;
    }
}
