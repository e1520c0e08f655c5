package io.mlcycle.operator.rollout;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A router pod's cumulative count of a mirror revision's predictions that agreed, and that differed, with the stable
 * version's answers to the same requests ({@code mlcycle_router_mirror_predictions_total} on its {@code /q/metrics};
 * the router compares the two answers as its {@code PredictionAgreement} says). As with {@link ServingCounters}, an
 * interval's figure is the difference of two reads.
 */
public record MirrorAgreement(long agreed, long differed) {

    public static final String PREDICTIONS = "mlcycle_router_mirror_predictions_total";
    public static final MirrorAgreement NONE = new MirrorAgreement(0, 0);

    /** The counts of mirror revision {@code revision} on a router's Prometheus text page. */
    public static MirrorAgreement parse(String text, String revision) {
        long agreed = 0;
        long differed = 0;
        for (PrometheusSample sample : PrometheusSample.parse(text, Set.of(PREDICTIONS))) {
            if (revision.equals(sample.labels().get("revision"))) {
                if ("agreed".equals(sample.labels().get("result"))) {
                    agreed += (long) sample.value();
                } else if ("differed".equals(sample.labels().get("result"))) {
                    differed += (long) sample.value();
                }
            }
        }
        return new MirrorAgreement(agreed, differed);
    }

    /** What was compared since {@code earlier}; a router that restarted in between counts from zero. */
    public MirrorAgreement since(MirrorAgreement earlier) {
        return agreed < earlier.agreed || differed < earlier.differed ? this
                : new MirrorAgreement(agreed - earlier.agreed, differed - earlier.differed);
    }

    public static MirrorAgreement sum(List<MirrorAgreement> parts) {
        return parts.stream().reduce(NONE, (a, b) -> new MirrorAgreement(a.agreed + b.agreed, a.differed + b.differed));
    }

    /** Predictions compared. */
    public long compared() {
        return agreed + differed;
    }

    /** The share that agreed, 0 to 1; empty when nothing was compared. */
    public Optional<Double> share() {
        return compared() == 0 ? Optional.empty() : Optional.of((double) agreed / compared());
    }
}
