package io.mlcycle.operator.desired;

import java.util.Map;

/**
 * The {@code prometheus.io/*} pod annotations by which a Prometheus with the usual annotation-driven pod discovery
 * (the community chart's {@code kubernetes-pods} job) scrapes the serving and router pods mlcycle starts: both serve
 * Prometheus text at {@code /q/metrics} on their HTTP port. A Prometheus Operator reads the chart's PodMonitor
 * instead, which selects the same pods by label.
 */
public final class MetricsScrape {

    public static final String PATH = "/q/metrics";

    private MetricsScrape() {
    }

    public static Map<String, String> annotations() {
        return Map.of("prometheus.io/scrape", "true", "prometheus.io/port", Integer.toString(RevisionWorkload.HTTP_PORT),
                "prometheus.io/path", PATH);
    }
}
