package io.mlcycle.operator.status;

import io.mlcycle.api.v1alpha1.ConditionStatus;
import io.mlcycle.api.v1alpha1.StatusCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conditions being written for one generation. A condition whose status did not change keeps its
 * {@code lastTransitionTime}, so a reconcile that observes nothing new produces an equal status and writes nothing.
 */
public final class ConditionSet {

    public static final String READY = "Ready";
    public static final String RECONCILING = "Reconciling";
    public static final String STALLED = "Stalled";

    private final Map<String, StatusCondition> previous = new LinkedHashMap<>();
    private final Map<String, StatusCondition> current = new LinkedHashMap<>();
    private final long generation;
    private final Instant now;

    public ConditionSet(List<StatusCondition> previous, long generation, Instant now) {
        if (previous != null) {
            previous.forEach(c -> this.previous.put(c.getType(), c));
        }
        this.generation = generation;
        this.now = now;
    }

    public ConditionSet set(String type, boolean status, String reason, String message) {
        ConditionStatus value = status ? ConditionStatus.True : ConditionStatus.False;
        StatusCondition before = previous.get(type);
        StatusCondition condition = new StatusCondition();
        condition.setType(type);
        condition.setStatus(value);
        condition.setReason(reason);
        condition.setMessage(message);
        condition.setObservedGeneration(generation);
        condition.setLastTransitionTime(before != null && before.getStatus() == value
                ? before.getLastTransitionTime() : now.toString());
        current.put(type, condition);
        return this;
    }

    /** kstatus' three: Ready, and Reconciling / Stalled true only while they hold. */
    public ConditionSet kstatus(boolean ready, boolean reconciling, boolean stalled, String reason, String message) {
        set(READY, ready, reason, message);
        set(RECONCILING, reconciling, reconciling ? reason : "Idle", reconciling ? message : "nothing in progress");
        set(STALLED, stalled, stalled ? reason : "Progressing", stalled ? message : "no error");
        return this;
    }

    /** The previous conditions of these types again, for this generation (their transition times kept). */
    public ConditionSet carry(String... types) {
        for (String type : types) {
            StatusCondition before = previous.get(type);
            if (before != null) {
                set(type, before.getStatus() == ConditionStatus.True, before.getReason(), before.getMessage());
            }
        }
        return this;
    }

    /** Whether {@code conditions} (null: none) hold one of {@code type} whose status is True. */
    public static boolean holds(List<StatusCondition> conditions, String type) {
        return conditions != null && conditions.stream()
                .anyMatch(c -> type.equals(c.getType()) && c.getStatus() == ConditionStatus.True);
    }

    public List<StatusCondition> build() {
        return new ArrayList<>(current.values());
    }
}
