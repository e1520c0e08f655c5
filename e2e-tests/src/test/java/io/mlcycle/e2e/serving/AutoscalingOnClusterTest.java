package io.mlcycle.e2e.serving;

import static io.mlcycle.e2e.support.ServedModels.ready;
import static io.mlcycle.e2e.support.ServedModels.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.mlcycle.api.v1alpha1.Approval;
import io.mlcycle.e2e.support.ClusterS3;
import io.mlcycle.e2e.support.HostLoad;
import io.mlcycle.e2e.support.ServedModels;
import io.mlcycle.e2e.support.TestCluster;
import io.mlcycle.operator.desired.RevisionWorkload;

/**
 * An InferenceService with {@code replicas.max} scales under load on the local cluster, through the real HPA:
 * on CPU (metrics-server) out and back in, and on in-flight requests per pod ({@code targetConcurrency}, through
 * prometheus-adapter over the cluster's Prometheus). No request fails while it scales.
 */
class AutoscalingOnClusterTest {

    private static final TestCluster CLUSTER = TestCluster.get();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace = CLUSTER.createNamespace("autoscaling");
    private final ServedModels served = new ServedModels(CLUSTER, namespace);
    private final ClusterS3 s3 = new ClusterS3(CLUSTER);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void deleteNamespace() {
        CLUSTER.deleteNamespace(namespace);
    }

    @Test
    void aCpuBoundServiceScalesOutUnderSustainedLoadAndBackInAfterIt() throws Exception {
        s3.copyKeysTo(namespace);
        served.register("1", Approval.Approved);
        served.apply("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: busy}
                spec:
                  model: {name: churn, version: "1"}
                  replicas: {min: 1, max: 3}
                  resources: {cpu: 100m, memory: 768Mi}
                """);
        served.awaitService("busy", s -> ready(s, "True"));
        assertThat(CLUSTER.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                .withName("busy-v1").get()).as("the HPA").isNotNull();
        String url = "http://" + routerAddress("busy") + "/v2/models/busy/infer";
        String body = JSON.writeValueAsString(request(64));

        List<HostLoad> loads = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                loads.add(new HostLoad(http, url, body));
            }
            // metrics-server samples every 15 s and the HPA looks every 15 s: minutes, not seconds, on a busy node.
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> Optional.ofNullable(
                    served.get("busy").getStatus().getStable().getReplicas()).orElse(0) >= 2);
        } finally {
            for (HostLoad load : loads) {
                load.close();
            }
        }
        assertThat(loads).allSatisfy(load -> assertThat(load.failures()).as("failed requests while scaling out").isEmpty());
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> Objects.equals(
                served.get("busy").getStatus().getStable().getReplicas(), 1));
        Deployment revision = CLUSTER.client().apps().deployments().inNamespace(namespace).withName("busy-v1").get();
        assertThat(revision.getSpec().getReplicas()).isEqualTo(1);
    }

    /**
     * The HPA's concurrency metric through the cluster's prometheus-adapter (custom.metrics.k8s.io over Prometheus):
     * under two dozen clients, the HPA asks for more pods than the CPU metric alone would (the HPA takes the larger
     * ask of its metrics, so the in-flight requests per pod asked for them), and the service reaches three.
     */
    @Test
    void aServiceScalesOnInFlightRequestsThroughTheCustomMetricsApi() throws Exception {
        s3.copyKeysTo(namespace);
        served.register("1", Approval.Approved);
        served.apply("""
                apiVersion: mlcycle.io/v1alpha1
                kind: InferenceService
                metadata: {name: queued}
                spec:
                  model: {name: churn, version: "1"}
                  replicas: {min: 1, max: 3, targetConcurrency: 1}
                  resources: {cpu: 200m, memory: 768Mi}
                """);
        served.awaitService("queued", s -> ready(s, "True"));
        String url = "http://" + routerAddress("queued") + "/v2/models/queued/infer";
        String body = JSON.writeValueAsString(request(1));

        List<HostLoad> loads = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        AtomicBoolean concurrencyAsked = new AtomicBoolean();
        try {
            for (int i = 0; i < 24; i++) {
                loads.add(new HostLoad(http, url, body));
            }
            // Prometheus scrapes every 5 s, the adapter averages 30 s, the HPA looks every 15 s.
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                HorizontalPodAutoscaler hpa = CLUSTER.client().autoscaling().v2().horizontalPodAutoscalers()
                        .inNamespace(namespace).withName("queued-v1").get();
                if (hpa.getStatus() != null && hpa.getStatus().getCurrentMetrics() != null) {
                    String line = describe(hpa);
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(line)) {
                        seen.add(line);
                    }
                    concurrencyAsked.compareAndSet(false, askedBeyondCpu(hpa));
                }
                return concurrencyAsked.get() && Objects.equals(served.get("queued").getStatus().getStable()
                        .getReplicas(), 3);
            });
        } finally {
            for (HostLoad load : loads) {
                load.close();
            }
            System.out.println("HPA queued-v1 (current -> desired: metrics):\n  " + String.join("\n  ", seen));
        }
        assertThat(loads).allSatisfy(load -> assertThat(load.failures()).as("failed requests while scaling out").isEmpty());
    }

    private static String describe(HorizontalPodAutoscaler hpa) {
        StringBuilder line = new StringBuilder(hpa.getStatus().getCurrentReplicas() + " -> "
                + hpa.getStatus().getDesiredReplicas() + ":");
        for (MetricStatus metric : hpa.getStatus().getCurrentMetrics()) {
            line.append(metric.getPods() != null
                    ? " " + metric.getPods().getMetric().getName() + " " + metric.getPods().getCurrent().getAverageValue()
                    : metric.getResource() != null ? " cpu " + metric.getResource().getCurrent().getAverageUtilization()
                            + "%" : " " + metric.getType());
        }
        return line.toString();
    }

    /**
     * Whether the HPA wants more pods than its CPU metric asks for, by the HPA's own rule (ceil(current x
     * utilization / target), none within its 10% tolerance) with the in-flight metric reported by the adapter. Pods
     * not yet ready count as idle for CPU when the HPA scales out, which only lowers the CPU's ask below this one.
     */
    private static boolean askedBeyondCpu(HorizontalPodAutoscaler hpa) {
        int current = hpa.getStatus().getCurrentReplicas();
        int desired = hpa.getStatus().getDesiredReplicas();
        boolean inFlight = false;
        int cpuAsk = current;
        for (MetricStatus metric : hpa.getStatus().getCurrentMetrics()) {
            if (metric.getPods() != null && RevisionWorkload.CONCURRENCY_METRIC.equals(metric.getPods().getMetric()
                    .getName())) {
                inFlight = metric.getPods().getCurrent().getAverageValue() != null;
            } else if (metric.getResource() != null && metric.getResource().getCurrent().getAverageUtilization() != null) {
                double ratio = metric.getResource().getCurrent().getAverageUtilization()
                        / (double) RevisionWorkload.CPU_TARGET_PERCENT;
                cpuAsk = Math.abs(ratio - 1) <= 0.1 ? current : (int) Math.ceil(current * ratio);
            }
        }
        return inFlight && desired > current && desired > cpuAsk;
    }

    /** The router Service's ClusterIP: the host reaches ClusterIPs, not the cluster's DNS names. */
    private String routerAddress(String service) {
        return CLUSTER.client().services().inNamespace(namespace).withName(service).get().getSpec().getClusterIP();
    }
}
