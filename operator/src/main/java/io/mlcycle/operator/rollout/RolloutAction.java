package io.mlcycle.operator.rollout;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person asks of a rollout without editing spec (Git stays the source of intent): the value of the annotation
 * {@value #ANNOTATION}, which the operator acts on once and then removes, e.g.
 * {@code kubectl annotate mlis iris mlcycle.io/rollout-action=promote --overwrite}.
 */
public enum RolloutAction {
    /** Skip the remaining steps and promote the canary now (also after a failed analysis that paused it). */
    PROMOTE,
    /** Roll back: all traffic to stable, canary removed. */
    ABORT,
    /** Hold the current weight; analyses go on. */
    PAUSE,
    /** Go on from a manual pause, or after a failed analysis that paused the rollout. */
    RESUME;

    public static final String ANNOTATION = "mlcycle.io/rollout-action";

    /** The action an annotation value names; empty for an unknown value (which stays, for a person to see). */
    public static Optional<RolloutAction> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
