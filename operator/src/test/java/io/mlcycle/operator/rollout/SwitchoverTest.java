package io.mlcycle.operator.rollout;

import static io.mlcycle.operator.Fixtures.servedVersion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mlcycle.api.v1alpha1.InferenceServiceStatus;
import io.mlcycle.api.v1alpha1.ModelVersion;
import io.mlcycle.api.v1alpha1.VariantStatus;

class SwitchoverTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private final ModelVersion v1 = servedVersion("1", "Ready", "Approved", "xgboost");
    private final ModelVersion v2 = servedVersion("2", "Ready", "Approved", "xgboost");
    private final Map<String, ModelVersion> versions = Map.of("churn-1", v1, "churn-2", v2);

    private Switchover.Plan plan(InferenceServiceStatus previous, ModelVersion target, int readyOfV2, Instant now) {
        return Switchover.plan(new Switchover.Inputs(previous, Optional.ofNullable(target), versions,
                Map.of("churn-1", 1, "churn-2", readyOfV2), 1, now, DRAIN));
    }

    private static InferenceServiceStatus status(String stable, Integer stableWeight, String canary, Integer canaryWeight,
            String since) {
        InferenceServiceStatus status = new InferenceServiceStatus();
        status.setStable(variant(stable, stableWeight, null));
        if (canary != null) {
            status.setCanary(variant(canary, canaryWeight, since));
        }
        return status;
    }

    private static VariantStatus variant(String name, Integer weight, String since) {
        VariantStatus variant = new VariantStatus();
        variant.setModelVersion(name);
        variant.setWeight(weight);
        variant.setSince(since);
        return variant;
    }

    @Test
    void theFirstVersionServesAtOnce() {
        Switchover.Plan plan = plan(null, v1, 0, NOW);

        assertThat(plan.stable()).hasValueSatisfying(s -> {
            assertThat(s.name()).isEqualTo("churn-1");
            assertThat(s.weight()).isEqualTo(100);
        });
        assertThat(plan.canary()).isEmpty();
    }

    @Test
    void aNewVersionStartsBesideTheStableOneWithNoTraffic() {
        Switchover.Plan plan = plan(status("churn-1", 100, null, null, null), v2, 0, NOW);

        assertThat(plan.stable().orElseThrow().weight()).isEqualTo(100);
        assertThat(plan.canary()).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("churn-2");
            assertThat(c.weight()).isZero();
        });
        assertThat(plan.step()).hasValueSatisfying(s -> assertThat(s).contains("starting churn-2"));
    }

    @Test
    void itKeepsNoTrafficUntilItsReplicasAreReady() {
        Switchover.Plan plan = plan(status("churn-1", 100, "churn-2", 0, null), v2, 0, NOW);

        assertThat(plan.canary().orElseThrow().weight()).isZero();
        assertThat(plan.step()).isEmpty();
    }

    @Test
    void onceReadyItTakesAllTrafficAndTheOldOneDrains() {
        Switchover.Plan plan = plan(status("churn-1", 100, "churn-2", 0, null), v2, 1, NOW);

        assertThat(plan.stable().orElseThrow().weight()).isZero();
        assertThat(plan.canary().orElseThrow().weight()).isEqualTo(100);
        assertThat(plan.canary().orElseThrow().since()).isEqualTo(NOW.toString());
        assertThat(plan.requeueAfter()).contains(DRAIN);
    }

    @Test
    void theDrainIsReadBackFromStatusSoARestartedOperatorWaitsOnlyWhatIsLeft() {
        Switchover.Plan plan = plan(status("churn-1", 0, "churn-2", 100, NOW.toString()), v2, 1, NOW.plusSeconds(4));

        assertThat(plan.stable().orElseThrow().name()).isEqualTo("churn-1");
        assertThat(plan.canary().orElseThrow().since()).isEqualTo(NOW.toString());
        assertThat(plan.requeueAfter()).contains(Duration.ofSeconds(6));
    }

    @Test
    void afterTheDrainTheNewVersionIsStableAndTheOldOneGoes() {
        Switchover.Plan plan = plan(status("churn-1", 0, "churn-2", 100, NOW.toString()), v2, 1, NOW.plusSeconds(10));

        assertThat(plan.stable().orElseThrow().name()).isEqualTo("churn-2");
        assertThat(plan.stable().orElseThrow().weight()).isEqualTo(100);
        assertThat(plan.canary()).isEmpty();
    }

    @Test
    void aNewRevisionThatLosesItsPodsDuringTheDrainGivesTrafficBack() {
        Switchover.Plan plan = plan(status("churn-1", 0, "churn-2", 100, NOW.toString()), v2, 0, NOW.plusSeconds(2));

        assertThat(plan.stable().orElseThrow().weight()).isEqualTo(100);
        assertThat(plan.canary().orElseThrow().weight()).isZero();
    }

    @Test
    void aNewerTargetDuringTheDrainWaitsUntilTheSwitchIsDone() {
        ModelVersion v3 = servedVersion("3", "Ready", "Approved", "xgboost");
        Map<String, ModelVersion> all = Map.of("churn-1", v1, "churn-2", v2, "churn-3", v3);
        InferenceServiceStatus draining = status("churn-1", 0, "churn-2", 100, NOW.toString());

        Switchover.Plan during = Switchover.plan(new Switchover.Inputs(draining, Optional.of(v3), all,
                Map.of("churn-1", 1, "churn-2", 1), 1, NOW.plusSeconds(3), DRAIN));
        Switchover.Plan after = Switchover.plan(new Switchover.Inputs(draining, Optional.of(v3), all,
                Map.of("churn-1", 1, "churn-2", 1), 1, NOW.plusSeconds(10), DRAIN));
        Switchover.Plan unservable = Switchover.plan(new Switchover.Inputs(draining, Optional.empty(), all,
                Map.of("churn-1", 1, "churn-2", 1), 1, NOW.plusSeconds(3), DRAIN));

        assertThat(during.canary().orElseThrow().name()).as("the revision with all traffic stays").isEqualTo("churn-2");
        assertThat(during.canary().orElseThrow().weight()).isEqualTo(100);
        assertThat(during.stable().orElseThrow().name()).as("the draining one keeps draining").isEqualTo("churn-1");
        assertThat(after.stable().orElseThrow().name()).isEqualTo("churn-2");
        assertThat(after.canary()).as("the newer target starts on the next step").isEmpty();
        assertThat(unservable.canary().orElseThrow().weight()).isEqualTo(100);
    }

    @Test
    void whenNothingCanBeServedTheStableVersionKeepsServing() {
        Switchover.Plan plan = plan(status("churn-1", 100, "churn-2", 0, null), null, 0, NOW);

        assertThat(plan.stable().orElseThrow().name()).isEqualTo("churn-1");
        assertThat(plan.canary()).isEmpty();
    }

    @Test
    void aStableVersionWhoseModelVersionWasDeletedIsReplacedAtOnce() {
        Switchover.Plan plan = plan(status("churn-0", 100, null, null, null), v2, 0, NOW);

        assertThat(plan.stable().orElseThrow().name()).isEqualTo("churn-2");
        assertThat(plan.canary()).isEmpty();
    }
}
