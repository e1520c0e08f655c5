package io.mlcycle.operator.reconciler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Pod;
import io.mlcycle.operator.desired.RevisionWorkload;

/**
 * Calls to a serving pod's HTTP port by its IP (the operator reads the runtime's metrics and profiles there): an
 * answer other than 200, a pod without an IP, or no answer within the timeout give nothing, logged at debug.
 */
final class PodHttp {

    private static final Logger LOG = Logger.getLogger(PodHttp.class);
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    CompletableFuture<Optional<String>> get(Pod pod, String path) {
        return call(pod, path, HttpRequest.BodyPublishers.noBody(), "GET");
    }

    CompletableFuture<Optional<String>> post(Pod pod, String path) {
        return call(pod, path, HttpRequest.BodyPublishers.noBody(), "POST");
    }

    private CompletableFuture<Optional<String>> call(Pod pod, String path, HttpRequest.BodyPublisher body,
            String method) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        HttpRequest request = HttpRequest.newBuilder(uri(pod, path)).timeout(TIMEOUT).method(method, body).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((answer, failure) -> {
            if (failure != null) {
                LOG.debugf("cannot reach pod %s: %s", pod.getMetadata().getName(), failure.getMessage());
                return Optional.empty();
            }
            if (answer.statusCode() != 200) {
                LOG.debugf("pod %s answered %d to %s", pod.getMetadata().getName(), answer.statusCode(),
                        answer.uri().getPath());
                return Optional.empty();
            }
            return Optional.of(answer.body());
        });
    }

    private static URI uri(Pod pod, String path) {
        String ip = pod.getStatus().getPodIP();
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return URI.create("http://" + host + ":" + RevisionWorkload.HTTP_PORT + path);
    }
}
