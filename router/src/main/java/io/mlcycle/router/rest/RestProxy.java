package io.mlcycle.router.rest;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.Endpoint;
import io.mlcycle.router.routing.Protocol;
import io.mlcycle.router.routing.Target;
import io.mlcycle.router.routing.TrafficRouter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;

/**
 * The REST side: a Vert.x reverse proxy whose origin is the endpoint {@link RoutingInterceptor} chose for each
 * request. Bodies stream through (OIP requests carry a content-length); only mirrored ones are buffered.
 *
 * <p>Not covered by vertx-http-proxy 4.5.27, and so not by this class: gRPC (bodies without content-length make it
 * throw, trailers are dropped, {@code te: trailers} is stripped; fixed upstream in vertx-http-proxy#147, in no
 * served version). gRPC therefore goes through grpc-java ({@code io.mlcycle.router.grpc}) on its own port.
 */
public final class RestProxy implements Handler<HttpServerRequest> {

    /** The paths forwarded: OIP's. Everything under /q stays Quarkus's (metrics, health). */
    public static final String PATHS = "/v2/*";

    /** Connections tried per request: the chosen endpoint and up to two others when it cannot be reached. */
    static final int CONNECT_ATTEMPTS = 3;

    private final HttpProxy proxy;
    private final TrafficRouter router;
    private final RouterMetrics metrics;

    public RestProxy(HttpClient client, TrafficRouter router, RouterMetrics metrics, RestMirror mirror) {
        this.router = router;
        this.metrics = metrics;
        proxy = HttpProxy.reverseProxy(client)
                .origin(context -> connect(context, context.get(RoutingInterceptor.TARGET, Target.class),
                        new HashSet<>()))
                .addInterceptor(new RoutingInterceptor(router, metrics, mirror));
    }

    /**
     * A request to {@code target}, or, when no connection to it can be made, to another endpoint: nothing of the
     * request has been sent then, so trying elsewhere is safe even for a POST. This is the one retry the proxy
     * library lacks (a pod that just went away is still in the table until its EndpointSlice update arrives); a
     * failure after the request went out is answered 502 by {@link RoutingInterceptor}, never retried.
     */
    private Future<HttpClientRequest> connect(ProxyContext context, Target target, Set<Endpoint> tried) {
        tried.add(target.endpoint());
        RequestOptions options = new RequestOptions().setServer(SocketAddress.inetSocketAddress(
                target.endpoint().port(Protocol.REST), target.endpoint().address()));
        return context.client().request(options).recover(failure -> {
            Optional<Target> next = tried.size() < CONNECT_ATTEMPTS
                    ? router.reroute(Protocol.REST, context.request().headers().get(Headers.REVISION), target, tried)
                    : Optional.empty();
            if (next.isEmpty()) {
                return Future.failedFuture(failure);
            }
            metrics.retried(target.revision(), Protocol.REST.label());
            context.set(RoutingInterceptor.TARGET, next.get());
            context.set(RoutingInterceptor.REVISION, next.get().revision());
            return connect(context, next.get(), tried);
        });
    }

    /** Forwards {@link #PATHS} of a Vert.x Web router (Quarkus's HTTP server, or a test's). */
    public void mount(Router router) {
        router.route(PATHS).handler(context -> handle(context.request()));
    }

    @Override
    public void handle(HttpServerRequest request) {
        proxy.handle(request);
    }
}
