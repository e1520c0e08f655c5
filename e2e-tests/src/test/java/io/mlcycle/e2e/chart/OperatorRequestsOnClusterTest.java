package io.mlcycle.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mlcycle.e2e.support.TestCluster;

/**
 * What the operator really asked of the API server while the whole e2e suite ran, read from the API server's audit log
 * (policy in e2e-tests/cluster/apiserver-up.sh): the chart's least-privilege RBAC refused none of it, and no request
 * wrote a spec or a status through the main resource. Runs after every other class (junit-platform.properties).
 */
@Order(Integer.MAX_VALUE)
class OperatorRequestsOnClusterTest {

    private static final String OPERATOR = "system:serviceaccount:mlcycle-system:mlcycle-operator";
    private static final List<String> KINDS = List.of("trainingjobs", "modelversions", "inferenceservices",
            "driftmonitors");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = auditEvents(TestCluster.get().kubeconfig().resolveSibling(
            "logs/operator-audit.log"));
    private final List<JsonNode> operator = events.stream()
            .filter(e -> OPERATOR.equals(e.path("user").path("username").asText())).toList();

    private static List<JsonNode> auditEvents(Path log) {
        List<JsonNode> events = new ArrayList<>();
        // The API server rotates at --audit-log-maxsize into one backup next to it: read both.
        try (Stream<Path> files = Files.list(log.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("operator-audit")).sorted()
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        events.add(JSON.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no audit log at " + log + ": is the cluster e2e-tests/cluster's?", e);
        }
        return events;
    }

    @Test
    void theChartsRbacRefusedNoneOfTheOperatorsRequests() {
        assertThat(operator).as("the operator's requests, audited").hasSizeGreaterThan(100);
        List<Instant[]> uninstalled = windowsWithoutTheOperatorsBindings();
        List<String> refused = operator.stream()
                .filter(e -> e.path("responseStatus").path("code").asInt() == 403)
                .filter(e -> !namespaceTerminating(e))
                .filter(e -> uninstalled.stream().noneMatch(w -> within(e, w)))
                .map(e -> describe(e) + " " + e.path("objectRef").path("namespace").asText() + "/"
                        + e.path("objectRef").path("name").asText() + " at " + e.path("stageTimestamp").asText())
                .toList();

        Map<String, Integer> used = new TreeMap<>();
        operator.forEach(e -> used.merge(describe(e), 1, Integer::sum));
        System.out.printf("the operator's requests: %d, of %d kinds (%d refused in a namespace being deleted or while "
                + "the chart was uninstalled)%n", operator.size(), used.size(), operator.stream()
                        .filter(e -> e.path("responseStatus").path("code").asInt() == 403).count() - refused.size());
        used.forEach((request, count) -> System.out.printf("  %6d  %s%n", count, request));
        assertThat(refused).as("requests the chart's RBAC refused the operator").isEmpty();
    }

    @Test
    void theOperatorNeverWroteASpecOnlyMetadataAndStatus() {
        List<JsonNode> writes = operator.stream()
                .filter(e -> "mlcycle.io".equals(e.path("objectRef").path("apiGroup").asText()))
                .filter(e -> KINDS.contains(e.path("objectRef").path("resource").asText()))
                .filter(e -> e.path("objectRef").path("subresource").isMissingNode())
                .filter(e -> List.of("patch", "update").contains(e.path("verb").asText()))
                .toList();
        System.out.printf("the operator's writes to mlcycle.io objects themselves: %d%n", writes.size());
        assertThat(writes).as("writes that touch more than metadata").allSatisfy(e -> {
            assertThat(e.path("verb").asText()).as(describe(e)).isEqualTo("patch");
            JsonNode patch = e.path("requestObject");
            assertThat(patch.isMissingNode()).as(describe(e) + " audited with its body").isFalse();
            if (patch.isArray()) {
                patch.forEach(op -> assertThat(op.path("path").asText()).as(describe(e)).startsWith("/metadata/"));
            } else {
                patch.fieldNames().forEachRemaining(field -> assertThat(field).as(describe(e))
                        .isIn("metadata", "apiVersion", "kind"));
            }
        });
    }

    /** From each deletion of the operator's ClusterRoleBinding (helm uninstall) to its creation again. */
    private List<Instant[]> windowsWithoutTheOperatorsBindings() {
        List<Instant[]> windows = new ArrayList<>();
        Instant deleted = null;
        for (JsonNode e : events) {
            if (!"clusterrolebindings".equals(e.path("objectRef").path("resource").asText())
                    || !"mlcycle-operator".equals(e.path("objectRef").path("name").asText())) {
                continue;
            }
            Instant at = Instant.parse(e.path("stageTimestamp").asText());
            if ("delete".equals(e.path("verb").asText()) && deleted == null) {
                deleted = at;
            } else if ("create".equals(e.path("verb").asText()) && deleted != null) {
                windows.add(new Instant[] {deleted, at});
                deleted = null;
            }
        }
        if (deleted != null) {
            windows.add(new Instant[] {deleted, Instant.MAX});
        }
        return windows;
    }

    /** Refused by the NamespaceLifecycle admission (a test's namespace being deleted under its objects), not RBAC. */
    private static boolean namespaceTerminating(JsonNode event) {
        for (JsonNode cause : event.path("responseStatus").path("details").path("causes")) {
            if ("NamespaceTerminating".equals(cause.path("reason").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(JsonNode event, Instant[] window) {
        // A request refused while the binding was gone may end (watches do) a moment after it came back.
        Instant at = Instant.parse(event.path("requestReceivedTimestamp").asText());
        return !at.isBefore(window[0]) && !at.isAfter(window[1]);
    }

    private static String describe(JsonNode e) {
        JsonNode ref = e.path("objectRef");
        if (ref.isMissingNode()) {
            return e.path("verb").asText() + " " + e.path("requestURI").asText();
        }
        String group = ref.path("apiGroup").asText();
        String sub = ref.path("subresource").asText();
        return e.path("verb").asText() + " " + (group.isEmpty() ? "" : group + "/") + ref.path("resource").asText()
                + (sub.isEmpty() ? "" : "/" + sub);
    }
}
