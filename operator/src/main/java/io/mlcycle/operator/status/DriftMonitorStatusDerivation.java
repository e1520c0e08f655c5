package io.mlcycle.operator.status;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.mlcycle.api.v1alpha1.DriftEvaluation;
import io.mlcycle.api.v1alpha1.DriftMonitor;
import io.mlcycle.api.v1alpha1.DriftMonitorPhase;
import io.mlcycle.api.v1alpha1.DriftMonitorStatus;
import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.RetrainRecord;
import io.mlcycle.api.v1alpha1.RolloutOutcome;
import io.mlcycle.api.v1alpha1.RolloutRecord;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.operator.desired.RetrainJob;
import io.mlcycle.operator.drift.BreachTrigger;

/**
 * A DriftMonitor's status from one reconcile: the last evaluation, the breach count and the breach's start from the
 * {@link BreachTrigger} decision, the last retrain as its TrainingJob now reports it, and the conditions: kstatus'
 * three (Ready while the monitor can watch; why not, when it cannot) and {@code Drifted}.
 */
public final class DriftMonitorStatusDerivation {

    public static final String DRIFTED = "Drifted";

    private DriftMonitorStatusDerivation() {
    }

    /** Why the monitor cannot watch: a reason, a message a person can act on, and whether only time will fix it. */
    public record Blocked(String reason, String message, boolean waiting) {
    }

    /**
     * What one reconcile saw and decided: a blocker, or the window's evaluation (empty when none was judged), how far
     * a window still collecting has got ({@code collected} of {@code needed} samples, -1 when no window is open), the
     * decision, the retrain ordered now (its job's name: recorded here before the job is created), the version being
     * served (whose reference is the baseline, and which a retrain retrains), the monitor's retraining jobs, and the
     * InferenceService's status (where the retrained version's rollout stands).
     */
    public record Observation(Optional<Blocked> blocked, Optional<DriftEvaluation> evaluation, long collected,
            long needed, BreachTrigger.Decision decision, Optional<String> ordered, String servedVersion,
            List<BreachTrigger.RetrainJob> jobs, Optional<InferenceServiceStatus> serving) {
    }

    public static DriftMonitorStatus derive(DriftMonitor monitor, Observation seen, Instant now) {
        DriftMonitorStatus previous = Optional.ofNullable(monitor.getStatus()).orElseGet(DriftMonitorStatus::new);
        long generation = Optional.ofNullable(monitor.getMetadata().getGeneration()).orElse(0L);
        DriftMonitorStatus status = new DriftMonitorStatus();
        status.setObservedGeneration(generation);
        ConditionSet conditions = new ConditionSet(previous.getConditions(), generation, now);
        status.setLastEvaluation(seen.evaluation().orElse(previous.getLastEvaluation()));
        status.setLastRetrain(lastRetrain(previous.getLastRetrain(), seen, now));
        if (status.getLastRetrain() != null && status.getLastRetrain().getModelVersion() != null
                && seen.serving().isPresent()) {
            // A rollout's outcome stays once a later version's rollout took its place on the service.
            Optional.ofNullable(rollout(status.getLastRetrain().getModelVersion(), seen.serving().get()))
                    .ifPresent(status.getLastRetrain()::setRollout);
        }
        long running = seen.jobs().stream().filter(j -> j.phase() != TrainingJobPhase.Succeeded
                && j.phase() != TrainingJobPhase.Failed).count() + (BreachTrigger.ordered(status, seen.jobs()) ? 1 : 0);
        status.setActiveRetrains((int) running);

        if (seen.blocked().isPresent()) {
            Blocked blocked = seen.blocked().get();
            status.setConsecutiveBreaches(previous.getConsecutiveBreaches());
            status.setDriftedSince(previous.getDriftedSince());
            status.setPhase(DriftMonitorPhase.Pending);
            conditions.kstatus(false, blocked.waiting(), !blocked.waiting(), blocked.reason(), blocked.message());
            conditions.carry(DRIFTED);
            return finish(status, conditions);
        }
        BreachTrigger.Decision decision = seen.decision();
        status.setConsecutiveBreaches(decision.breaches());
        status.setDriftedSince(decision.driftedSince().map(Instant::toString).orElse(null));
        conditions.kstatus(true, false, false, "Watching", watching(status.getLastEvaluation(), seen)
                + (decision.drifted() ? "" : decision.held().map(h -> "; retrain waits: " + h).orElse("")));
        if (decision.drifted()) {
            conditions.set(DRIFTED, true, "DriftDetected", decision.retrain().map(BreachTrigger.Order::reason)
                    .or(() -> Optional.ofNullable(status.getLastRetrain()).filter(r -> status.getDriftedSince()
                            .equals(r.getDriftedSince())).map(RetrainRecord::getReason))
                    .orElseGet(() -> drifted(status.getLastEvaluation(), decision.breaches()))
                    + decision.held().map(h -> "; retrain waits: " + h).orElse(""));
        } else if (status.getLastEvaluation() == null) {
            conditions.set(DRIFTED, false, "NotEvaluated", "no window judged yet");
        } else if (!status.getLastEvaluation().getModelVersion().equals(seen.servedVersion())) {
            conditions.set(DRIFTED, false, "ReferenceChanged", seen.servedVersion() + " is served now: the next "
                    + "window is judged against its reference profile");
        } else if (decision.breaches() > 0) {
            conditions.set(DRIFTED, false, "Breaching", decision.breaches() + " drifted window(s) in a row, "
                    + "not yet trigger.consecutiveWindows");
        } else {
            conditions.set(DRIFTED, false, "NoDrift", "last window within the thresholds: "
                    + summary(status.getLastEvaluation()));
        }
        status.setPhase(running > 0 ? DriftMonitorPhase.Retraining
                : decision.drifted() ? DriftMonitorPhase.Drifted : DriftMonitorPhase.Watching);
        return finish(status, conditions);
    }

    private static DriftMonitorStatus finish(DriftMonitorStatus status, ConditionSet conditions) {
        status.setConditions(conditions.build());
        return status;
    }

    /**
     * The retrain ordered now, else the last one recorded as its job now stands (its phase stays unset until the job
     * is seen), or a newer job of the monitor's than the recorded one (made by hand with the labels, or by an
     * operator version that wrote the record after the job).
     */
    private static RetrainRecord lastRetrain(RetrainRecord previous, Observation seen, Instant now) {
        if (seen.ordered().isPresent()) {
            RetrainRecord record = new RetrainRecord();
            record.setTrainingJob(seen.ordered().get());
            record.setTime(now.toString());
            record.setReason(seen.decision().retrain().map(BreachTrigger.Order::reason).orElse(null));
            record.setRequest(seen.decision().retrain().map(BreachTrigger.Order::request).orElse(null));
            record.setDriftedSince(seen.decision().driftedSince().map(Instant::toString).orElse(null));
            record.setParentVersion(seen.servedVersion());
            return record;
        }
        Optional<BreachTrigger.RetrainJob> newest = seen.jobs().stream()
                .max(Comparator.comparing(BreachTrigger.RetrainJob::created));
        if (newest.isPresent() && (previous == null
                || newest.get().number() > RetrainJob.number(previous.getTrainingJob()))) {
            RetrainRecord record = new RetrainRecord();
            record.setTrainingJob(newest.get().name());
            record.setTime(newest.get().created().toString());
            record.setTrainingPhase(newest.get().phase());
            record.setModelVersion(newest.get().modelVersion());
            return record;
        }
        if (previous == null) {
            return null;
        }
        RetrainRecord record = copy(previous);
        seen.jobs().stream().filter(j -> j.name().equals(previous.getTrainingJob())).findFirst().ifPresent(job -> {
            record.setTrainingPhase(job.phase());
            record.setModelVersion(Optional.ofNullable(job.modelVersion()).orElse(previous.getModelVersion()));
        });
        return record;
    }

    /** Where the rollout of {@code version} stands on the service: its last rollout's outcome, or in progress. */
    static String rollout(String version, InferenceServiceStatus serving) {
        RolloutRecord last = serving.getLastRollout();
        if (serving.getCanary() != null && version.equals(serving.getCanary().getModelVersion())) {
            return "InProgress";
        }
        if (last != null && version.equals(last.getModelVersion()) && last.getOutcome() != null) {
            return last.getOutcome().name();
        }
        if (serving.getStable() != null && version.equals(serving.getStable().getModelVersion())) {
            return RolloutOutcome.Promoted.name();
        }
        return null;
    }

    private static RetrainRecord copy(RetrainRecord previous) {
        RetrainRecord record = new RetrainRecord();
        record.setTrainingJob(previous.getTrainingJob());
        record.setTime(previous.getTime());
        record.setReason(previous.getReason());
        record.setRequest(previous.getRequest());
        record.setDriftedSince(previous.getDriftedSince());
        record.setParentVersion(previous.getParentVersion());
        record.setTrainingPhase(previous.getTrainingPhase());
        record.setModelVersion(previous.getModelVersion());
        record.setRollout(previous.getRollout());
        return record;
    }

    private static String watching(DriftEvaluation last, Observation seen) {
        String collecting = seen.collected() >= 0 ? "collecting " + seen.collected() + " of " + seen.needed()
                + " samples" : null;
        if (last == null) {
            return collecting == null ? "watching; no window judged yet" : collecting;
        }
        return "last window: " + summary(last) + (collecting == null ? "" : "; " + collecting);
    }

    private static String drifted(DriftEvaluation last, int breaches) {
        return breaches + " drifted windows in a row" + (last == null ? "" : "; last: " + summary(last));
    }

    private static String summary(DriftEvaluation evaluation) {
        long drifted = evaluation.getFeatures() == null ? 0 : evaluation.getFeatures().stream()
                .filter(f -> Boolean.TRUE.equals(f.getDrifted())).count();
        int tested = evaluation.getFeatures() == null ? 0 : evaluation.getFeatures().size();
        return String.format(Locale.ROOT, "%d of %d features drifted (share %.2f), %d samples against %s", drifted,
                tested, evaluation.getDriftShare(), evaluation.getSamples(), evaluation.getModelVersion());
    }
}
