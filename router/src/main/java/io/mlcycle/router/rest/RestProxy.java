package io.mlcycle.router.rest;

import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.Protocol;
import io.mlcycle.router.routing.Target;
import io.mlcycle.router.routing.TrafficRouter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.OriginRequestProvider;

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

    private final HttpProxy proxy;

    public RestProxy(HttpClient client, TrafficRouter router, RouterMetrics metrics, RestMirror mirror) {
        proxy = HttpProxy.reverseProxy(client)
                .origin(OriginRequestProvider.selector(context -> {
                    Target target = context.get(RoutingInterceptor.TARGET, Target.class);
                    return Future.succeededFuture(SocketAddress.inetSocketAddress(
                            target.endpoint().port(Protocol.REST), target.endpoint().address()));
                }))
                .addInterceptor(new RoutingInterceptor(router, metrics, mirror));
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
