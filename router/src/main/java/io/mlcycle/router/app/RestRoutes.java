package io.mlcycle.router.app;

import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.rest.RestMirror;
import io.mlcycle.router.rest.RestProxy;
import io.mlcycle.router.routing.TrafficRouter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Mounts the REST proxy on Quarkus's HTTP server for {@code /v2/*}; {@code /q/*} stays Quarkus's. */
@ApplicationScoped
public class RestRoutes {

    void mount(@Observes Router router, Vertx vertx, TrafficRouter trafficRouter, RouterMetrics metrics,
            RouterConfig config) {
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) config.backend().connectTimeout().toMillis());
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.backend().maxPoolSize());
        HttpClient client = vertx.createHttpClient(options, pool);
        // The mirror's own client: a slow mirror never takes a connection the forwarded requests wait for.
        HttpClient mirrorClient = vertx.createHttpClient(new HttpClientOptions(options), new PoolOptions(pool));
        RestMirror mirror = new RestMirror(mirrorClient, metrics, config.mirrorTimeout().toMillis());
        new RestProxy(client, trafficRouter, metrics, mirror).mount(router);
    }
}
