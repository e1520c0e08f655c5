package io.mlcycle.operator.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mlcycle.api.v1alpha1.AnalysisOutcome;
import io.mlcycle.api.v1alpha1.AnalysisResult;
import io.mlcycle.api.v1alpha1.AnalysisSpec;
import io.mlcycle.api.v1alpha1.CanaryPhase;
import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.PauseReason;
import io.mlcycle.api.v1alpha1.RolloutOutcome;
import io.mlcycle.api.v1alpha1.RolloutRecord;
import io.mlcycle.api.v1alpha1.RolloutSpec;
import io.mlcycle.api.v1alpha1.RolloutStep;
import io.mlcycle.api.v1alpha1.VariantStatus;

/**
 * The canary state machine. When the resolved version differs from the stable one, a rollout starts: the canary's
 * revision comes up with no traffic (Starting); once Ready it gets copies of requests (Mirroring, when
 * {@code spec.rollout.mirror} is set), then each step's weight (Progressing), a step ending when its pause is over and,
 * where thresholds are set, an analysis in it passed; after the last step it is promoted (Promoting: all traffic, the
 * old stable drains for the drain delay, then goes) or waits for a person ({@code autoPromote: false}). A failed
 * analysis or a crash-looping canary rolls back (all traffic to stable, canary removed, {@code lastRollout} naming the
 * figure), or pauses with {@code rollbackOnFailure: false}. A newer version arriving mid-rollout replaces the canary.
 * A mirror the traffic layer cannot make pauses the rollout before any traffic (MirrorUnavailable) for a person.
 * A rolled-back version is not tried again until it or the InferenceService changes (their generations).
 *
 * <p>Every decision is read back from status (phase, step, step start, analyses), so an operator restarted at any
 * point goes on from there and takes no step twice; the manual actions and analysis verdicts come in as inputs.
 */
public final class CanaryRollout {

    /** Analyses kept in {@code status.canary.history}. */
    static final int HISTORY = 10;

    /** How often a rollout paused for a mirror the Gateway cannot make looks again (GatewayClasses are not watched). */
    static final Duration MIRROR_RECHECK = Duration.ofMinutes(1);

    /** The step index before the first step: Starting and Mirroring (status.canary.step unset). */
    public static final int MIRROR_STEP = -1;

    private CanaryRollout() {
    }

    /**
     * What the reconciler knows besides status: the resolved target, every version by name, Ready pods per version,
     * the rollout spec, the InferenceService's generation, a manual action, a fresh analysis (only when
     * {@link #analysisDue} said so), why the canary's pods cannot serve (a crash loop), why the traffic layer cannot
     * mirror (a Gateway whose class lacks the feature), the time, the drain delay.
     */
    public record Inputs(InferenceServiceStatus previous, Optional<ModelVersion> target, Map<String, ModelVersion> versions,
            Map<String, Integer> readyReplicas, int requiredReady, RolloutSpec rollout, long generation,
            Optional<RolloutAction> action, Optional<AnalysisResult> analysis, Optional<String> canaryFailure,
            Optional<String> mirrorUnavailable, Instant now, Duration drainDelay) {
    }

    /** A served version, the share it gets and since when; a canary also carries its rollout state. */
    public record Variant(ModelVersion version, int weight, String since, Optional<CanaryState> state) {

        public String name() {
            return version.getMetadata().getName();
        }

        static Variant stable(ModelVersion version, int weight) {
            return new Variant(version, weight, null, Optional.empty());
        }

        /** Its status entry, less what only the cluster knows (ready and desired replicas). */
        public VariantStatus toStatus() {
            VariantStatus status = new VariantStatus();
            status.setModelVersion(name());
            status.setVersion(version.getSpec().getVersion());
            status.setWeight(weight);
            status.setSince(since);
            state.ifPresent(canary -> {
                status.setPhase(canary.phase());
                status.setStep(canary.step() == MIRROR_STEP ? null : canary.step());
                status.setSteps(canary.steps());
                status.setPauseReason(canary.pauseReason());
                status.setMessage(canary.message());
                if (!canary.history().isEmpty()) {
                    status.setHistory(canary.history());
                    status.setAnalysis(canary.history().get(canary.history().size() - 1));
                }
            });
            return status;
        }
    }

    /** The canary's place in its rollout, as it goes to status; {@code step} is {@link #MIRROR_STEP} before the steps. */
    public record CanaryState(CanaryPhase phase, int step, int steps, PauseReason pauseReason, String message,
            List<AnalysisResult> history) {

        CanaryState with(CanaryPhase next, int nextStep, PauseReason reason, String why) {
            return new CanaryState(next, nextStep, steps, reason, why, history);
        }
    }

    /** Copies of {@code percent} of the requests go to {@code version}; its answers are dropped. */
    public record Mirror(ModelVersion version, int percent) {
    }

    /** Something that happened now, for a Kubernetes Event and the rollout metrics. */
    public record Event(String reason, String message, boolean warning) {
    }

    /**
     * What to run and how to split: the stable variant (absent while nothing can be served), the canary during a
     * rollout, the mirror, the rollout that ended now ({@code lastRollout}), why a new target is held back (a version
     * rolled back before), the events of this step, and when to look again.
     */
    public record Plan(Optional<Variant> stable, Optional<Variant> canary, Optional<Mirror> mirror,
            Optional<RolloutRecord> finished, Optional<String> held, List<Event> events,
            Optional<Duration> requeueAfter) {

        /** Writes the variants and the last rollout (the one that ended now, else the one before) into a new status. */
        public void applyTo(InferenceServiceStatus status, InferenceServiceStatus previous) {
            status.setStable(stable.map(Variant::toStatus).orElse(null));
            status.setCanary(canary.map(Variant::toStatus).orElse(null));
            status.setLastRollout(finished.orElse(previous == null ? null : previous.getLastRollout()));
        }

        static Plan only(ModelVersion stable, List<Event> events, Optional<RolloutRecord> finished) {
            return new Plan(Optional.of(Variant.stable(stable, 100)), Optional.empty(), Optional.empty(), finished,
                    Optional.empty(), events, Optional.empty());
        }

        static Plan nothing() {
            return new Plan(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(), Optional.empty());
        }
    }

    /**
     * Whether the canary should be measured now: it has traffic or copies (Mirroring, Progressing, Paused), a threshold
     * is set, and an interval has passed since its last analysis (or since its current weight took effect).
     */
    public static boolean analysisDue(InferenceServiceStatus previous, RolloutSpec rollout, Instant now) {
        AnalysisSpec spec = analysis(rollout);
        VariantStatus canary = previous == null ? null : previous.getCanary();
        if (canary == null || canary.getPhase() == null || !Analysis.configured(spec) || canary.getSince() == null) {
            return false;
        }
        if (canary.getPhase() == CanaryPhase.Starting || canary.getPhase() == CanaryPhase.Promoting) {
            return false;
        }
        return !now.isBefore(nextAnalysis(canary.getSince(), canary.getHistory(), spec));
    }

    /**
     * Whether {@link #plan} may read {@link Inputs#mirrorUnavailable} this reconcile: when a rollout can start (a
     * target that is neither the stable version nor the canary), is Starting, waits for a mirror, or is paused before
     * any traffic (a resume goes back to Starting). Anywhere else the
     * answer changes nothing, so the reconciler need not ask the cluster (a GatewayClass read per reconcile).
     */
    public static boolean mayConsultMirror(InferenceServiceStatus previous, Optional<ModelVersion> target) {
        VariantStatus canary = previous == null ? null : previous.getCanary();
        String stable = previous == null || previous.getStable() == null ? null : previous.getStable().getModelVersion();
        String wanted = target.map(CanaryRollout::name).orElse(null);
        if (canary == null || !Objects.equals(wanted, canary.getModelVersion())) {
            return wanted != null && stable != null && !wanted.equals(stable);
        }
        CanaryPhase phase = phaseOf(canary);
        boolean pausedBeforeTraffic = phase == CanaryPhase.Paused && canary.getSince() == null
                && (canary.getStep() == null || canary.getStep() == MIRROR_STEP);
        return phase == CanaryPhase.Starting || canary.getPauseReason() == PauseReason.MirrorUnavailable
                || pausedBeforeTraffic;
    }

    public static Plan plan(Inputs in) {
        InferenceServiceStatus previous = in.previous();
        Optional<ModelVersion> stable = known(in, previous == null ? null : previous.getStable());
        Optional<VariantStatus> canaryStatus = Optional.ofNullable(previous).map(InferenceServiceStatus::getCanary);
        Optional<ModelVersion> canary = known(in, canaryStatus.orElse(null));
        if (stable.isPresent() && canary.isPresent() && phaseOf(canaryStatus.get()) == CanaryPhase.Promoting) {
            // Traffic has moved: the revision that has it must not go, and the one draining keeps its requests in
            // flight, whatever the target says now. A newer target starts once this promotion is done.
            return drain(in, stable.get(), canary.get(), canaryStatus.get());
        }
        if (in.target().isEmpty()) {
            // Nothing new can be served: the stable version keeps serving; a rollout under way is called off.
            return stable.map(s -> Plan.only(s, canary.map(c -> List.of(new Event("RolloutAbandoned",
                    "no version to roll out any more; " + name(c) + " removed", true))).orElse(List.of()),
                    canary.map(c -> record(in, s, c, RolloutOutcome.Superseded, "the target went away"))))
                    .orElseGet(Plan::nothing);
        }
        ModelVersion target = in.target().get();
        if (stable.isEmpty()) {
            return Plan.only(target, List.of(), Optional.empty());
        }
        if (same(stable.get(), target)) {
            return Plan.only(target, canary.map(c -> List.of(new Event("RolloutAbandoned", "the target is "
                    + name(target) + " again; " + name(c) + " removed", false))).orElse(List.of()),
                    canary.map(c -> record(in, stable.get(), c, RolloutOutcome.Superseded,
                            "the target went back to " + name(target))));
        }
        Optional<String> held = heldBack(in, target);
        if (held.isPresent() && (canary.isEmpty() || !same(canary.get(), target))) {
            // lastRollout keeps the rollback it is held for: a canary called off here is only told in an Event.
            List<Event> events = canary.map(c -> List.of(new Event("RolloutAbandoned", "the target is "
                    + name(target) + ", held back; " + name(c) + " removed", false))).orElse(List.of());
            return new Plan(Optional.of(Variant.stable(stable.get(), 100)), Optional.empty(), Optional.empty(),
                    Optional.empty(), held, events, Optional.empty());
        }
        if (canary.isEmpty() || !same(canary.get(), target)) {
            return start(in, stable.get(), target, canary);
        }
        return advance(in, stable.get(), target, canaryStatus.get());
    }

    /** A new rollout, replacing a canary of an older target if there is one. */
    private static Plan start(Inputs in, ModelVersion stable, ModelVersion target, Optional<ModelVersion> replaced) {
        List<Event> events = new ArrayList<>();
        Optional<RolloutRecord> finished = Optional.empty();
        if (replaced.isPresent()) {
            events.add(new Event("RolloutSuperseded", name(target) + " replaces the canary " + name(replaced.get()),
                    false));
            finished = Optional.of(record(in, stable, replaced.get(), RolloutOutcome.Superseded,
                    "replaced by " + name(target) + " mid-rollout"));
        }
        events.add(new Event("RolloutStarted", "rolling out " + name(target) + " beside " + name(stable) + " in "
                + describe(in.rollout()), false));
        CanaryState state = new CanaryState(CanaryPhase.Starting, MIRROR_STEP, steps(in.rollout()).size(), null,
                "waiting for " + name(target) + " to be Ready", List.of());
        Plan plan = starting(in, stable, target, state, events);
        return new Plan(plan.stable(), plan.canary(), plan.mirror(), finished, Optional.empty(), plan.events(),
                plan.requeueAfter());
    }

    /** One reconcile of a rollout under way. */
    private static Plan advance(Inputs in, ModelVersion stable, ModelVersion canary, VariantStatus status) {
        CanaryState state = state(status, in.rollout());
        List<Event> events = new ArrayList<>();
        Optional<AnalysisResult> analysis = in.analysis();
        if (analysis.isPresent()) {
            state = recorded(state, analysis.get());
            AnalysisResult result = analysis.get();
            events.add(new Event("Analysis" + result.getOutcome(), name(canary) + " at " + where(state) + ": "
                    + result.getMessage(), result.getOutcome() == AnalysisOutcome.Failed));
        }
        String since = status.getSince();
        Optional<RolloutAction> action = in.action();
        if (action.isPresent()) {
            switch (action.get()) {
                case ABORT -> {
                    return rollback(in, stable, canary, events, "aborted by a person (" + RolloutAction.ANNOTATION
                            + ": abort)");
                }
                case PROMOTE -> {
                    if (ready(in, canary) >= 1) {
                        events.add(new Event("PromotedByPerson", name(canary) + " promoted by a person at "
                                + where(state), false));
                        return promote(in, stable, canary, state, events, "promoted by a person at " + where(state));
                    }
                    events.add(new Event("PromoteRefused", name(canary) + " has no Ready pod to promote", true));
                }
                case PAUSE -> {
                    if (state.phase() != CanaryPhase.Paused && state.phase() != CanaryPhase.Starting) {
                        events.add(new Event("RolloutPaused", "paused by a person at " + where(state), false));
                        state = state.with(CanaryPhase.Paused, state.step(), PauseReason.Manual,
                                "paused by a person at " + where(state) + "; resume, promote or abort with "
                                        + RolloutAction.ANNOTATION);
                    }
                }
                case RESUME -> {
                    if (state.pauseReason() == PauseReason.MirrorUnavailable) {
                        // A person chose to go without the mirror phase: the first step starts now.
                        events.add(new Event("RolloutResumed", "resumed by a person without the mirror phase",
                                false));
                        events.add(stepEvent(in, canary, 0));
                        state = state.with(CanaryPhase.Progressing, 0, null, null);
                        since = in.now().toString();
                    } else if (state.phase() == CanaryPhase.Paused
                            && state.pauseReason() != PauseReason.AwaitingPromotion) {
                        events.add(new Event("RolloutResumed", "resumed by a person at " + where(state), false));
                        CanaryPhase back = resumedPhase(state, since);
                        state = state.with(back, state.step(), null, null);
                        since = back == CanaryPhase.Starting ? null : in.now().toString();
                    }
                }
                default -> throw new IllegalStateException("unknown action " + action.get());
            }
        }
        if (in.canaryFailure().isPresent() && state.pauseReason() != PauseReason.AnalysisFailed) {
            return fail(in, stable, canary, state, events, since, name(canary) + " cannot serve: "
                    + in.canaryFailure().get());
        }
        if (analysis.isPresent() && analysis.get().getOutcome() == AnalysisOutcome.Failed
                && state.pauseReason() != PauseReason.AnalysisFailed) {
            return fail(in, stable, canary, state, events, since, "analysis failed at " + where(state) + ": "
                    + analysis.get().getMessage());
        }
        if (state.pauseReason() == PauseReason.AwaitingPromotion && ready(in, canary) >= 1
                && (in.rollout() == null || !Boolean.FALSE.equals(in.rollout().getAutoPromote()))) {
            // autoPromote was set back to true while the rollout waited for a person.
            return promote(in, stable, canary, state, events, "passed " + where(state) + "; autoPromote is true");
        }
        if (state.pauseReason() == PauseReason.MirrorUnavailable
                && (mirrorPercent(in.rollout()) == 0 || in.mirrorUnavailable().isEmpty())) {
            // The mirror was removed from spec, or the traffic layer can mirror now: go on as from a Ready start.
            return starting(in, stable, canary, state.with(CanaryPhase.Starting, MIRROR_STEP, null, null), events);
        }
        return switch (state.phase()) {
            case Starting -> starting(in, stable, canary, state, events);
            case Mirroring -> mirroring(in, stable, canary, state, since, events);
            case Progressing -> progressing(in, stable, canary, state, since, events);
            case Paused -> hold(in, stable, canary, state, since, events, state.pauseReason()
                    == PauseReason.MirrorUnavailable ? Optional.of(MIRROR_RECHECK) : Optional.empty());
            case Promoting -> throw new IllegalStateException("a promotion is handled by drain");
        };
    }

    private static Plan starting(Inputs in, ModelVersion stable, ModelVersion canary, CanaryState state,
            List<Event> events) {
        if (ready(in, canary) < in.requiredReady()) {
            return hold(in, stable, canary, state, null, events, Optional.empty());
        }
        String now = in.now().toString();
        if (mirrorPercent(in.rollout()) > 0 && in.mirrorUnavailable().isPresent()) {
            // Never real traffic in place of the copies asked for: a person decides (or the spec changes).
            String why = in.mirrorUnavailable().get() + "; remove rollout.mirror, or skip the mirror phase with "
                    + RolloutAction.ANNOTATION + "=resume (or promote, abort)";
            events.add(new Event("MirrorUnavailable", name(canary) + " is Ready, but " + why, true));
            // No since: nothing is copied or measured while it waits.
            return hold(in, stable, canary, state.with(CanaryPhase.Paused, MIRROR_STEP, PauseReason.MirrorUnavailable,
                    why), null, events, Optional.of(MIRROR_RECHECK));
        }
        if (mirrorPercent(in.rollout()) > 0) {
            events.add(new Event("MirrorStarted", name(canary) + " is Ready; it gets copies of "
                    + mirrorPercent(in.rollout()) + "% of requests for " + in.rollout().getMirror().getDuration(),
                    false));
            return mirroring(in, stable, canary, state.with(CanaryPhase.Mirroring, MIRROR_STEP, null, null), now,
                    events);
        }
        events.add(stepEvent(in, canary, 0));
        return progressing(in, stable, canary, state.with(CanaryPhase.Progressing, 0, null, null), now, events);
    }

    private static Plan mirroring(Inputs in, ModelVersion stable, ModelVersion canary, CanaryState state, String since,
            List<Event> events) {
        Duration duration = in.rollout() == null || in.rollout().getMirror() == null ? Duration.ZERO
                : SpecDuration.parse(in.rollout().getMirror().getDuration(), Duration.ZERO);
        Optional<Duration> left = remaining(in, since, duration);
        if (left.isPresent() || !judged(in, state, since)) {
            return hold(in, stable, canary, state, since, events, left);
        }
        events.add(stepEvent(in, canary, 0));
        return progressing(in, stable, canary, state.with(CanaryPhase.Progressing, 0, null, null),
                in.now().toString(), events);
    }

    private static Plan progressing(Inputs in, ModelVersion stable, ModelVersion canary, CanaryState state,
            String since, List<Event> events) {
        List<RolloutStep> steps = steps(in.rollout());
        int step = Math.max(0, Math.min(state.step(), steps.size() - 1));
        Optional<Duration> left = remaining(in, since, pause(in, steps, step));
        if (left.isPresent() || !judged(in, state, since) || ready(in, canary) < 1) {
            // A canary without a Ready pod has no traffic now: it takes no further step until it has one.
            return hold(in, stable, canary, state, since, events, left);
        }
        if (step + 1 < steps.size()) {
            events.add(stepEvent(in, canary, step + 1));
            // The next step starts now; one without a pause (or the implicit one) ends at once.
            return progressing(in, stable, canary, state.with(CanaryPhase.Progressing, step + 1, null, null),
                    in.now().toString(), events);
        }
        if (in.rollout() != null && Boolean.FALSE.equals(in.rollout().getAutoPromote())) {
            events.add(new Event("AwaitingPromotion", name(canary) + " passed its last step; promote it with "
                    + RolloutAction.ANNOTATION + "=promote", false));
            return hold(in, stable, canary, state.with(CanaryPhase.Paused, step, PauseReason.AwaitingPromotion,
                    "passed the last step; waiting for " + RolloutAction.ANNOTATION + "=promote (autoPromote is "
                            + "false)"), since, events, Optional.empty());
        }
        return promote(in, stable, canary, state, events, "passed " + where(state));
    }

    /** The current weights held: the step's (Progressing, Paused), none but copies (Mirroring), none (Starting). */
    private static Plan hold(Inputs in, ModelVersion stable, ModelVersion canary, CanaryState state, String since,
            List<Event> events, Optional<Duration> left) {
        int weight = weight(in, canary, state);
        boolean copies = state.phase() == CanaryPhase.Mirroring
                || (state.phase() == CanaryPhase.Paused && state.step() == MIRROR_STEP && since != null);
        Optional<Mirror> mirror = copies && ready(in, canary) >= 1 && mirrorPercent(in.rollout()) > 0
                ? Optional.of(new Mirror(canary, mirrorPercent(in.rollout()))) : Optional.empty();
        Optional<Duration> again = left;
        if (since != null && Analysis.configured(analysis(in.rollout()))
                && state.phase() != CanaryPhase.Starting) {
            Duration toAnalysis = Duration.between(in.now(), nextAnalysis(since, state.history(),
                    analysis(in.rollout())));
            again = Optional.of(min(again, toAnalysis.isNegative() ? Duration.ofSeconds(1) : toAnalysis));
        }
        return new Plan(Optional.of(Variant.stable(stable, 100 - weight)), Optional.of(new Variant(canary, weight,
                since, Optional.of(state))), mirror, Optional.empty(), Optional.empty(), events, again);
    }

    private static int weight(Inputs in, ModelVersion canary, CanaryState state) {
        if (ready(in, canary) < 1) {
            return 0;
        }
        return switch (state.phase()) {
            case Starting, Mirroring -> 0;
            case Progressing -> stepWeight(in, state.step());
            case Paused -> state.step() == MIRROR_STEP ? 0 : stepWeight(in, state.step());
            case Promoting -> 100;
        };
    }

    private static int stepWeight(Inputs in, int step) {
        List<RolloutStep> steps = steps(in.rollout());
        return steps.get(Math.max(0, Math.min(step, steps.size() - 1))).getWeight();
    }

    /** All traffic to the canary; the old stable drains, then the canary becomes stable ({@link #drain}). */
    private static Plan promote(Inputs in, ModelVersion stable, ModelVersion canary, CanaryState state,
            List<Event> events, String why) {
        Optional<RolloutRecord> record = Optional.of(record(in, stable, canary, RolloutOutcome.Promoted, why));
        if (in.drainDelay().isZero()) {
            events.add(new Event("Promoted", name(canary) + " promoted: all traffic to it; " + name(stable)
                    + " removed", false));
            return Plan.only(canary, events, record);
        }
        events.add(new Event("Promoted", name(canary) + " promoted: all traffic to it; " + name(stable) + " drains for "
                + in.drainDelay().toSeconds() + "s", false));
        CanaryState promoting = state.with(CanaryPhase.Promoting, state.step(), null, null);
        return new Plan(Optional.of(Variant.stable(stable, 0)), Optional.of(new Variant(canary, 100,
                in.now().toString(), Optional.of(promoting))), Optional.empty(), record, Optional.empty(), events,
                Optional.of(in.drainDelay()));
    }

    /** A failure: roll back, or pause where {@code rollbackOnFailure} is false. */
    private static Plan fail(Inputs in, ModelVersion stable, ModelVersion canary, CanaryState state, List<Event> events,
            String since, String why) {
        if (in.rollout() != null && Boolean.FALSE.equals(in.rollout().getRollbackOnFailure())) {
            events.add(new Event("RolloutPaused", why + "; paused (rollbackOnFailure is false)", true));
            return hold(in, stable, canary, state.with(CanaryPhase.Paused, state.step(), PauseReason.AnalysisFailed,
                    why + "; paused: promote, resume or abort with " + RolloutAction.ANNOTATION), since, events,
                    Optional.empty());
        }
        return rollback(in, stable, canary, events, why);
    }

    private static Plan rollback(Inputs in, ModelVersion stable, ModelVersion canary, List<Event> events, String why) {
        List<Event> all = new ArrayList<>(events);
        all.add(new Event("RolledBack", name(canary) + " rolled back, all traffic to " + name(stable) + ": " + why,
                true));
        return Plan.only(stable, all, Optional.of(record(in, stable, canary, RolloutOutcome.RolledBack, why)));
    }

    /** After a promotion moved all traffic to {@code next}: wait out the drain of {@code previous}. */
    private static Plan drain(Inputs in, ModelVersion previous, ModelVersion next, VariantStatus status) {
        CanaryState state = state(status, in.rollout());
        if (ready(in, next) < 1) {
            // The new revision lost its pods while the old one drained: traffic goes back while the old one still runs,
            // and the canary is back at the step it was promoted from, to pass it again once it has pods.
            CanaryState back = state.with(CanaryPhase.Progressing, Math.max(0, state.step()), null,
                    name(next) + " lost its pods during the promotion; promoted again once Ready");
            return new Plan(Optional.of(Variant.stable(previous, 100)), Optional.of(new Variant(next, 0,
                    status.getSince(), Optional.of(back))), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(new Event("TrafficBack", "traffic back to " + name(previous) + ": " + name(next)
                            + " has no Ready pod", true)), Optional.empty());
        }
        Optional<Duration> left = remaining(in, status.getSince(), in.drainDelay());
        if (left.isPresent()) {
            return new Plan(Optional.of(Variant.stable(previous, 0)), Optional.of(new Variant(next, 100,
                    status.getSince(), Optional.of(state))), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(), left);
        }
        return Plan.only(next, List.of(new Event("Stable", name(next) + " is stable; removed " + name(previous),
                false)), Optional.empty());
    }

    /** Whether a new target is a version rolled back before, unchanged since, in an unchanged InferenceService. */
    private static Optional<String> heldBack(Inputs in, ModelVersion target) {
        RolloutRecord last = in.previous() == null ? null : in.previous().getLastRollout();
        if (last == null || last.getOutcome() != RolloutOutcome.RolledBack
                || !Objects.equals(last.getModelVersion(), name(target))
                || !Objects.equals(last.getGeneration(), in.generation())
                || !Objects.equals(last.getModelVersionGeneration(), target.getMetadata().getGeneration())) {
            return Optional.empty();
        }
        return Optional.of(name(target) + " was rolled back (" + last.getReason() + "); it is tried again once it or "
                + "this InferenceService changes");
    }

    /**
     * The phase a status entry is in. One written before phases were recorded (an operator upgraded mid-switch) has
     * none: all traffic with a start time was a switch under way, anything else a canary starting.
     */
    static CanaryPhase phaseOf(VariantStatus status) {
        if (status.getPhase() != null) {
            return status.getPhase();
        }
        boolean switched = status.getWeight() != null && status.getWeight() >= 100 && status.getSince() != null;
        return switched ? CanaryPhase.Promoting : CanaryPhase.Starting;
    }

    private static CanaryState state(VariantStatus status, RolloutSpec rollout) {
        return new CanaryState(phaseOf(status),
                status.getStep() == null ? MIRROR_STEP : status.getStep(), steps(rollout).size(), status.getPauseReason(),
                status.getMessage(), status.getHistory() == null ? List.of() : status.getHistory());
    }

    private static CanaryState recorded(CanaryState state, AnalysisResult result) {
        List<AnalysisResult> history = new ArrayList<>(state.history());
        history.add(result);
        while (history.size() > HISTORY) {
            history.remove(0);
        }
        return new CanaryState(state.phase(), state.step(), state.steps(), state.pauseReason(), state.message(),
                List.copyOf(history));
    }

    /** Whether the current phase may end: no thresholds, or an analysis since it began passed. */
    private static boolean judged(Inputs in, CanaryState state, String since) {
        if (!Analysis.configured(analysis(in.rollout()))) {
            return true;
        }
        Instant start = Instant.parse(since);
        // Strictly after: the analysis that ended the previous step at this instant does not count for this one.
        return state.history().stream().anyMatch(a -> a.getOutcome() == AnalysisOutcome.Passed
                && Instant.parse(a.getTime()).isAfter(start));
    }

    /** Back to where a pause held it: start-up (never Ready: no start time), the mirror, or a step. */
    private static CanaryPhase resumedPhase(CanaryState state, String since) {
        if (state.step() != MIRROR_STEP) {
            return CanaryPhase.Progressing;
        }
        return since == null ? CanaryPhase.Starting : CanaryPhase.Mirroring;
    }

    /** Where the interval now measured began: the canary's last analysis at its current weight, else that weight's start. */
    public static Instant intervalStart(VariantStatus canary) {
        return intervalStart(canary.getSince(), canary.getHistory());
    }

    private static Instant intervalStart(String sinceText, List<AnalysisResult> history) {
        Instant since = Instant.parse(sinceText);
        return history == null ? since : history.stream().map(a -> Instant.parse(a.getTime()))
                .filter(t -> !t.isBefore(since)).max(Instant::compareTo).orElse(since);
    }

    private static Instant nextAnalysis(String since, List<AnalysisResult> history, AnalysisSpec spec) {
        return intervalStart(since, history).plus(Analysis.interval(spec));
    }

    private static Optional<Duration> remaining(Inputs in, String since, Duration hold) {
        Duration left = Duration.between(in.now(), Instant.parse(since).plus(hold));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    private static Duration min(Optional<Duration> a, Duration b) {
        return a.filter(d -> d.compareTo(b) < 0).orElse(b);
    }

    /** The steps, or the one implicit step of an empty list: all traffic once Ready, held no longer than analysis. */
    static List<RolloutStep> steps(RolloutSpec rollout) {
        if (rollout == null || rollout.getSteps() == null || rollout.getSteps().isEmpty()) {
            RolloutStep all = new RolloutStep();
            all.setWeight(100);
            all.setPause("0s");
            return List.of(all);
        }
        return rollout.getSteps();
    }

    private static Duration pause(Inputs in, List<RolloutStep> steps, int step) {
        return SpecDuration.parse(steps.get(step).getPause(), Analysis.interval(analysis(in.rollout())));
    }

    private static AnalysisSpec analysis(RolloutSpec rollout) {
        return rollout == null ? null : rollout.getAnalysis();
    }

    /** The share copied while mirroring; 0 when spec has no mirror (any more). */
    private static int mirrorPercent(RolloutSpec rollout) {
        if (rollout == null || rollout.getMirror() == null) {
            return 0;
        }
        return rollout.getMirror().getPercent() == null ? 100 : rollout.getMirror().getPercent();
    }

    private static Event stepEvent(Inputs in, ModelVersion canary, int step) {
        List<RolloutStep> steps = steps(in.rollout());
        return new Event("RolloutStep", "step " + (step + 1) + "/" + steps.size() + ": " + steps.get(step).getWeight()
                + "% of traffic to " + name(canary), false);
    }

    private static String where(CanaryState state) {
        if (state.phase() == CanaryPhase.Starting) {
            return "start-up";
        }
        return state.step() == MIRROR_STEP ? "the mirror phase" : "step " + (state.step() + 1) + "/" + state.steps();
    }

    private static String describe(RolloutSpec rollout) {
        List<RolloutStep> steps = steps(rollout);
        StringBuilder text = new StringBuilder(steps.size() + (steps.size() == 1 ? " step" : " steps") + " (");
        for (int i = 0; i < steps.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(steps.get(i).getWeight()).append('%');
        }
        text.append(')');
        if (rollout != null && rollout.getMirror() != null) {
            text.append(" after mirroring for ").append(rollout.getMirror().getDuration());
        }
        return text.toString();
    }

    private static RolloutRecord record(Inputs in, ModelVersion from, ModelVersion to, RolloutOutcome outcome,
            String reason) {
        RolloutRecord record = new RolloutRecord();
        record.setFrom(from.getSpec().getVersion());
        record.setTo(to.getSpec().getVersion());
        record.setModelVersion(name(to));
        record.setModelVersionGeneration(to.getMetadata().getGeneration());
        record.setGeneration(in.generation());
        record.setOutcome(outcome);
        record.setReason(reason);
        record.setFinishedAt(in.now().toString());
        return record;
    }

    private static int ready(Inputs in, ModelVersion version) {
        return in.readyReplicas().getOrDefault(name(version), 0);
    }

    /** The version a status entry names, when it still exists. */
    private static Optional<ModelVersion> known(Inputs in, VariantStatus variant) {
        return Optional.ofNullable(variant).map(VariantStatus::getModelVersion).map(in.versions()::get);
    }

    private static boolean same(ModelVersion a, ModelVersion b) {
        return Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }

    private static String name(ModelVersion version) {
        return version.getMetadata().getName();
    }
}
