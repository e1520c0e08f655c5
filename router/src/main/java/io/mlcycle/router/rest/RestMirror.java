package io.mlcycle.router.rest;

import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.Protocol;
import io.mlcycle.router.routing.Target;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Sends copies of requests to the mirror revision; their answers go no further than a comparison with the client's.
 * It has an HTTP client of its own, so a slow mirror never holds a connection the forwarded requests need, and nothing
 * waits for it.
 */
public final class RestMirror {

    private static final Logger LOG = Logger.getLogger(RestMirror.class);
    // Hop-by-hop headers (RFC 9110 7.6.1) and those the client sets itself for the copy.
    private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "host", "content-length");

    private final HttpClient client;
    private final RouterMetrics metrics;
    private final long timeoutMillis;

    public RestMirror(HttpClient client, RouterMetrics metrics, long timeoutMillis) {
        this.client = client;
        this.metrics = metrics;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends one copy; returns at once, with the copy's answer to come: its body when 2xx, empty for any other status
     * (the copy answered, but not with an answer), failed when no answer came (connection, timeout).
     */
    public Future<Optional<Buffer>> send(Target target, HttpMethod method, String uri, MultiMap headers,
            Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(uri)
                .setHost(target.endpoint().address()).setPort(target.endpoint().port(Protocol.REST))
                .setIdleTimeout(timeoutMillis);
        headers.forEach(header -> {
            if (!NOT_COPIED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                options.addHeader(header.getKey(), header.getValue());
            }
        });
        options.putHeader(Headers.MIRROR, "true");
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(answer -> response.statusCode() / 100 == 2
                        ? Optional.of(answer) : Optional.<Buffer>empty()))
                .onComplete(result -> {
                    if (result.failed()) {
                        LOG.debugf("mirror copy to %s failed: %s", target.revision(), result.cause().toString());
                    }
                    metrics.mirrored(target.revision(), result.succeeded() && result.result().isPresent());
                });
    }

    /** A detached copy of a request's headers: the proxy clears its own when it releases a request. */
    static MultiMap copyOf(MultiMap headers) {
        return HttpHeaders.headers().addAll(headers);
    }
}
