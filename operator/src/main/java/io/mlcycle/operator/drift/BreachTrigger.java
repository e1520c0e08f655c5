package io.mlcycle.operator.drift;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mlcycle.api.v1alpha1.DriftActionSpec;
import io.mlcycle.api.v1alpha1.DriftEvaluation;
import io.mlcycle.api.v1alpha1.DriftMonitorSpec;
import io.mlcycle.api.v1alpha1.DriftMonitorStatus;
import io.mlcycle.api.v1alpha1.FeatureDriftResult;
import io.mlcycle.api.v1alpha1.RetrainRecord;
import io.mlcycle.api.v1alpha1.RetrainSpec;
import io.mlcycle.api.v1alpha1.TrainingJobPhase;
import io.mlcycle.operator.rollout.SpecDuration;

/**
 * When a monitor calls it drift and whether it retrains: drifted windows in a row against
 * {@code trigger.consecutiveWindows} (a window too small to judge changes nothing; a new stable version, whose
 * reference is another, starts the count again), and for a declared breach at most one retraining TrainingJob, only
 * after {@code cooldown} since the last one and while fewer than {@code maxConcurrent} run; a person's request
 * ({@value #REQUEST}) retrains once per value, drift or not, without the cooldown. Everything it needs is in
 * status and in the monitor's TrainingJobs, so an operator restarted between creating a job and writing status sees
 * the job and never makes a second one for the same breach.
 */
public final class BreachTrigger {

    static final int DEFAULT_WINDOWS = 2;
    static final Duration DEFAULT_COOLDOWN = Duration.ofHours(1);

    private BreachTrigger() {
    }

    /** A retraining TrainingJob of the monitor as observed: its number, when it was made, its phase and result. */
    public record RetrainJob(String name, int number, Instant created, TrainingJobPhase phase, String modelVersion) {

        boolean running() {
            return phase != TrainingJobPhase.Succeeded && phase != TrainingJobPhase.Failed;
        }
    }

    /**
     * A retrain to start now: the job's number among the monitor's, the drift or request that causes it, in words, and
     * the {@value #REQUEST} value it answers (null for a breach).
     */
    public record Order(int number, String reason, String request) {

        public Order(int number, String reason) {
            this(number, reason, null);
        }
    }

    /**
     * The annotation by which a person asks for a retrain now, drift or not (Git stays the source of intent): each new
     * value asks for one, e.g. {@code kubectl annotate driftmonitor churn mlcycle.io/retrain-request="$(date +%s)"
     * --overwrite}. It waits for no cooldown, but for {@code maxConcurrent}; status records the value it answered.
     */
    public static final String REQUEST = "mlcycle.io/retrain-request";

    /**
     * After a window: drifted windows in a row, since when the breach was declared (empty when none is), the retrain
     * to start, and why a breach that wants one waits ({@code held}: cooldown or concurrency).
     */
    public record Decision(int breaches, Optional<Instant> driftedSince, Optional<Order> retrain,
            Optional<String> held) {

        public boolean drifted() {
            return driftedSince.isPresent();
        }
    }

    /**
     * Decides after {@code verdict} (empty: no window was judged) against the reference of {@code servedVersion},
     * given the monitor's {@code previous} status, its TrainingJobs and the highest retrain number it ever gave
     * ({@code lastNumber}, from its jobs and its status: a deleted job's number is never given again).
     */
    public static Decision decide(DriftMonitorSpec spec, DriftMonitorStatus previous,
            Optional<WindowEvaluation.Verdict> verdict, String servedVersion, List<RetrainJob> jobs, int lastNumber,
            Instant now) {
        return decide(spec, previous, verdict, servedVersion, jobs, lastNumber, Optional.empty(), now);
    }

    /** {@link #decide} with the monitor's {@value #REQUEST} annotation, if it has one. */
    public static Decision decide(DriftMonitorSpec spec, DriftMonitorStatus previous,
            Optional<WindowEvaluation.Verdict> verdict, String servedVersion, List<RetrainJob> jobs, int lastNumber,
            Optional<String> request, Instant now) {
        boolean referenceMoved = previous != null && previous.getLastEvaluation() != null
                && previous.getLastEvaluation().getModelVersion() != null
                && !previous.getLastEvaluation().getModelVersion().equals(servedVersion);
        int before = previous == null || referenceMoved || previous.getConsecutiveBreaches() == null ? 0
                : previous.getConsecutiveBreaches();
        Optional<Instant> since = previous == null || referenceMoved ? Optional.empty()
                : Optional.ofNullable(previous.getDriftedSince()).map(Instant::parse);
        // Seconds, as the API server writes a job's creationTimestamp: the job made for a breach is never older.
        int breaches = verdict.map(v -> v.drifted() ? before + 1 : 0).orElse(before);
        int needed = spec.getTrigger() == null || spec.getTrigger().getConsecutiveWindows() == null ? DEFAULT_WINDOWS
                : spec.getTrigger().getConsecutiveWindows();
        Optional<Instant> driftedSince = breaches >= needed ? Optional.of(since.orElse(
                now.truncatedTo(ChronoUnit.SECONDS))) : Optional.empty();
        RetrainSpec retrain = Optional.ofNullable(spec.getAction()).map(DriftActionSpec::getRetrain).orElse(null);
        Optional<RetrainRecord> last = Optional.ofNullable(previous).map(DriftMonitorStatus::getLastRetrain);
        Optional<String> asked = request.map(String::trim).filter(r -> !r.isEmpty())
                .filter(r -> last.map(RetrainRecord::getRequest).filter(r::equals).isEmpty());
        if (asked.isPresent()) {
            return requested(asked.get(), retrain, previous, jobs, lastNumber, breaches, driftedSince);
        }
        if (driftedSince.isEmpty() || retrain == null) {
            return new Decision(breaches, driftedSince, Optional.empty(), Optional.empty());
        }
        Instant breach = driftedSince.get();
        boolean answered = last.map(RetrainRecord::getDriftedSince).filter(breach.toString()::equals).isPresent()
                || jobs.stream().anyMatch(j -> !j.created().isBefore(breach));
        if (answered) {
            return new Decision(breaches, driftedSince, Optional.empty(), Optional.empty());
        }
        Optional<Instant> lastStart = Stream.concat(jobs.stream().map(RetrainJob::created),
                last.map(RetrainRecord::getTime).map(Instant::parse).stream()).max(Instant::compareTo);
        Instant ready = lastStart.map(t -> t.plus(SpecDuration.parse(retrain.getCooldown(), DEFAULT_COOLDOWN)))
                .orElse(Instant.MIN);
        if (now.isBefore(ready)) {
            return new Decision(breaches, driftedSince, Optional.empty(),
                    Optional.of("cooldown " + retrain.getCooldown() + " since the last retrain: next at " + ready));
        }
        Optional<String> busy = busy(retrain, previous, jobs);
        if (busy.isPresent()) {
            return new Decision(breaches, driftedSince, Optional.empty(), busy);
        }
        return new Decision(breaches, driftedSince, Optional.of(new Order(next(lastNumber, jobs), reason(
                verdict.map(WindowEvaluation.Verdict::evaluation).orElse(Optional.ofNullable(previous)
                        .map(DriftMonitorStatus::getLastEvaluation).orElse(null)), breaches))), Optional.empty());
    }

    /**
     * A person's request: no drift needed and no cooldown waited for, but a template to retrain from and room under
     * {@code maxConcurrent}; it waits, its annotation kept, until there is room. Made during a breach, its record
     * carries the breach's start, so that breach has its retrain.
     */
    private static Decision requested(String request, RetrainSpec retrain, DriftMonitorStatus previous,
            List<RetrainJob> jobs, int lastNumber, int breaches, Optional<Instant> driftedSince) {
        if (retrain == null) {
            return new Decision(breaches, driftedSince, Optional.empty(), Optional.of(REQUEST + "=" + request
                    + " asks for a retrain, and spec.action.retrain has no template to retrain from"));
        }
        Optional<String> busy = busy(retrain, previous, jobs);
        if (busy.isPresent()) {
            return new Decision(breaches, driftedSince, Optional.empty(), busy);
        }
        return new Decision(breaches, driftedSince, Optional.of(new Order(next(lastNumber, jobs), "asked for with "
                + REQUEST + "=" + request, request)), Optional.empty());
    }

    /** Why no retrain may start now: {@code maxConcurrent} of them running or ordered; empty when one may. */
    private static Optional<String> busy(RetrainSpec retrain, DriftMonitorStatus previous, List<RetrainJob> jobs) {
        long running = jobs.stream().filter(RetrainJob::running).count() + (ordered(previous, jobs) ? 1 : 0);
        int most = retrain.getMaxConcurrent() == null ? 1 : retrain.getMaxConcurrent();
        return running >= most ? Optional.of(running + " retraining TrainingJob(s) still running, maxConcurrent " + most)
                : Optional.empty();
    }

    private static int next(int lastNumber, List<RetrainJob> jobs) {
        return Math.max(lastNumber, jobs.stream().mapToInt(RetrainJob::number).max().orElse(0)) + 1;
    }

    /**
     * Whether the last retrain is ordered (in status) but its job not seen yet: written before the job is created, so
     * that an operator stopped in between creates that same job, and no other, when it comes back.
     */
    public static boolean ordered(DriftMonitorStatus status, List<RetrainJob> jobs) {
        RetrainRecord last = status == null ? null : status.getLastRetrain();
        return last != null && last.getTrainingPhase() == null
                && jobs.stream().noneMatch(j -> j.name().equals(last.getTrainingJob()));
    }

    /** The drift in words: how many features, which, and for how many windows. */
    static String reason(DriftEvaluation evaluation, int breaches) {
        if (evaluation == null || evaluation.getFeatures() == null) {
            return "drift in " + breaches + " windows in a row";
        }
        List<FeatureDriftResult> drifted = evaluation.getFeatures().stream()
                .filter(f -> Boolean.TRUE.equals(f.getDrifted())).toList();
        return drifted.size() + " of " + evaluation.getFeatures().size() + " features drifted in " + breaches
                + " windows in a row against " + evaluation.getModelVersion() + ": " + drifted.stream()
                .map(f -> f.getName() + " (" + f.getTest() + " " + String.format(java.util.Locale.ROOT, "%.4g",
                        f.getScore()) + ")").collect(Collectors.joining(", "));
    }
}
