package io.mlcycle.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SpecDurationTest {

    @Test
    void readsTheApisDurations() {
        assertThat(SpecDuration.parse("500ms", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(SpecDuration.parse("30s", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(SpecDuration.parse("1h30m", null)).isEqualTo(Duration.ofMinutes(90));
        assertThat(SpecDuration.parse("1.5s", null)).isEqualTo(Duration.ofMillis(1500));
        assertThat(SpecDuration.parse("0.05ms", null)).isEqualTo(Duration.ofNanos(50_000));
        assertThat(SpecDuration.parse(null, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> SpecDuration.parse("10", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpecDuration.parse("5m junk", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
