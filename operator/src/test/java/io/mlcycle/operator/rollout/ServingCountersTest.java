package io.mlcycle.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServingCountersTest {

    private static String page(long ok, long failed, long fast, long slow) {
        return """
                # HELP mlcycle_inference_requests_total Inference requests answered
                # TYPE mlcycle_inference_requests_total counter
                mlcycle_inference_requests_total{code="200",model="churn",outcome="SUCCESS",protocol="rest",version="2"} %d.0
                mlcycle_inference_requests_total{code="500",model="churn",outcome="SERVER_ERROR",protocol="rest",version="2"} %d.0
                mlcycle_inference_requests_total{code="400",model="other",outcome="CLIENT_ERROR",protocol="rest",version="1"} 7.0
                mlcycle_inference_request_duration_seconds_bucket{model="churn",protocol="rest",version="2",le="0.01"} %d
                mlcycle_inference_request_duration_seconds_bucket{model="churn",protocol="rest",version="2",le="0.1"} %d
                mlcycle_inference_request_duration_seconds_bucket{model="churn",protocol="rest",version="2",le="+Inf"} %d
                """.formatted(ok, failed, fast, fast + slow, fast + slow);
    }

    @Test
    void readsOnlyTheModelsRequestsErrorsAndBuckets() {
        ServingCounters counters = ServingCounters.parse(page(90, 10, 80, 20), "churn");

        assertThat(counters.requests()).isEqualTo(100);
        assertThat(counters.serverErrors()).isEqualTo(10);
        assertThat(counters.buckets()).containsEntry(0.01, 80L).containsEntry(Double.POSITIVE_INFINITY, 100L);
    }

    @Test
    void anIntervalIsTheDifferenceOfTwoReadsSummedOverPods() {
        ServingCounters before = ServingCounters.parse(page(90, 10, 80, 20), "churn");
        ServingCounters after = ServingCounters.parse(page(190, 10, 180, 20), "churn");
        ServingCounters other = ServingCounters.parse(page(0, 100, 0, 100), "churn");

        CanaryFigures figures = ServingCounters.figures(List.of(after.since(before), other.since(ServingCounters.NONE)));

        assertThat(figures.requests()).isEqualTo(200);
        assertThat(figures.errors()).isEqualTo(100);
        // 198th of 200: 100 below 10 ms, the rest between 10 and 100 ms (pod two's 100 slow ones).
        assertThat(figures.latencyP99Ms()).isCloseTo(10 + 90 * (98.0 / 100), within(1e-9));
    }

    @Test
    void aRestartedPodCountsFromZeroAndNoRequestsHaveNoLatency() {
        ServingCounters before = ServingCounters.parse(page(190, 10, 180, 20), "churn");
        ServingCounters restarted = ServingCounters.parse(page(5, 0, 5, 0), "churn");

        assertThat(restarted.since(before).requests()).isEqualTo(5);
        assertThat(ServingCounters.figures(List.of()).latencyP99Ms()).isNull();
    }
}
