package io.mlcycle.operator.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.VariantStatus;

/**
 * The switch from the stable version to the resolved one without a failed request: the new revision starts with no
 * traffic; once it has its replicas Ready it takes all traffic; the old one keeps running for the drain delay (requests
 * it accepted finish) and is then removed. Every step is read back from status (stable and canary, the canary's
 * {@code since}), so an operator restarted at any point goes on where it was.
 */
public final class Switchover {

    private Switchover() {
    }

    /** What the reconciler needs to know besides status: the versions by name, readiness, the time, the drain delay. */
    public record Inputs(InferenceServiceStatus previous, Optional<ModelVersion> target, Map<String, ModelVersion> versions,
            Map<String, Integer> readyReplicas, int requiredReady, Instant now, Duration drainDelay) {
    }

    /** A served version and the share it gets. */
    public record Variant(ModelVersion version, int weight, String since) {

        public String name() {
            return version.getMetadata().getName();
        }
    }

    /**
     * What to run and how to split: a stable variant (absent while nothing can be served), a canary during a switch,
     * when to look again (the end of the drain), and the step taken now, for an Event.
     */
    public record Plan(Optional<Variant> stable, Optional<Variant> canary, Optional<Duration> requeueAfter,
            Optional<String> step) {

        static Plan only(ModelVersion stable, Optional<String> step) {
            return new Plan(Optional.of(new Variant(stable, 100, null)), Optional.empty(), Optional.empty(), step);
        }

        static Plan nothing() {
            return new Plan(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    public static Plan plan(Inputs in) {
        Optional<ModelVersion> stable = known(in, in.previous() == null ? null : in.previous().getStable());
        Optional<VariantStatus> canaryStatus = Optional.ofNullable(in.previous()).map(InferenceServiceStatus::getCanary);
        Optional<ModelVersion> canary = known(in, canaryStatus.orElse(null));
        boolean switched = canary.isPresent() && canaryStatus.get().getWeight() != null
                && canaryStatus.get().getWeight() >= 100 && canaryStatus.get().getSince() != null;
        if (stable.isPresent() && switched) {
            // Traffic has moved: the revision that has it must not go, and the one draining keeps its requests in
            // flight, whatever the target says now. A newer target is started once this switch is done.
            return drain(in, stable.get(), canary.get(), canaryStatus.get());
        }
        if (in.target().isEmpty()) {
            // Nothing new can be served: the stable version keeps serving, a switch not yet under way is called off.
            return stable.map(s -> Plan.only(s, canary.map(c -> "abandoned the switch to " + c.getMetadata().getName())))
                    .orElseGet(Plan::nothing);
        }
        ModelVersion target = in.target().get();
        if (stable.isEmpty()) {
            return Plan.only(target, Optional.empty());
        }
        if (same(stable.get(), target)) {
            return Plan.only(target, canary.map(c -> "abandoned the switch to " + c.getMetadata().getName()));
        }
        if (canary.isEmpty() || !same(canary.get(), target)) {
            return new Plan(Optional.of(new Variant(stable.get(), 100, null)), Optional.of(new Variant(target, 0, null)),
                    Optional.empty(), Optional.of("starting " + name(target) + " beside " + name(stable.get())));
        }
        if (in.readyReplicas().getOrDefault(name(target), 0) < in.requiredReady()) {
            return new Plan(Optional.of(new Variant(stable.get(), 100, null)), Optional.of(new Variant(target, 0, null)),
                    Optional.empty(), Optional.empty());
        }
        return new Plan(Optional.of(new Variant(stable.get(), 0, null)),
                Optional.of(new Variant(target, 100, in.now().toString())), Optional.of(in.drainDelay()),
                Optional.of("all traffic to " + name(target) + "; " + name(stable.get()) + " drains for "
                        + in.drainDelay().toSeconds() + "s"));
    }

    /** After traffic moved to {@code next}: wait out the drain of {@code previous}, then make {@code next} stable. */
    private static Plan drain(Inputs in, ModelVersion previous, ModelVersion next, VariantStatus status) {
        if (in.readyReplicas().getOrDefault(name(next), 0) < 1) {
            // The new revision lost its pods while the old one drained: traffic goes back while the old one still runs.
            return new Plan(Optional.of(new Variant(previous, 100, null)), Optional.of(new Variant(next, 0, null)),
                    Optional.empty(), Optional.of("traffic back to " + name(previous) + ": " + name(next)
                            + " has no Ready pod"));
        }
        Duration left = Duration.between(in.now(), Instant.parse(status.getSince()).plus(in.drainDelay()));
        if (!left.isNegative() && !left.isZero()) {
            return new Plan(Optional.of(new Variant(previous, 0, null)),
                    Optional.of(new Variant(next, 100, status.getSince())), Optional.of(left), Optional.empty());
        }
        return Plan.only(next, Optional.of(name(next) + " is stable; removed " + name(previous)));
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
