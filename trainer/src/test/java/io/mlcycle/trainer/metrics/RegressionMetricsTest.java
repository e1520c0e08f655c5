package io.mlcycle.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regression metrics against values worked out by hand. */
class RegressionMetricsTest {

    @Test
    void rmseMaeAndR2() {
        // Errors 1, -1, 0; the actual mean is 4, total sum of squares 9 + 1 + 4 = 14.
        Map<String, Double> metrics = RegressionMetrics.evaluate(new double[] {2, 4, 6}, new double[] {1, 5, 6});

        assertThat(metrics.keySet()).containsExactly("rmse", "mae", "r2");
        assertThat(metrics.get("rmse")).isCloseTo(Math.sqrt(2 / 3.0), within(1e-12));
        assertThat(metrics.get("mae")).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(metrics.get("r2")).isCloseTo(1 - 2 / 14.0, within(1e-12));
    }

    @Test
    void r2IsLeftOutForAConstantTarget() {
        Map<String, Double> metrics = RegressionMetrics.evaluate(new double[] {1, 2}, new double[] {3, 3});

        assertThat(metrics).containsOnlyKeys("rmse", "mae");
        assertThat(metrics.get("rmse")).isCloseTo(Math.sqrt((4 + 1) / 2.0), within(1e-12));
    }
}
