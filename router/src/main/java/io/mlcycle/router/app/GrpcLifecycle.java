package io.mlcycle.router.app;

import io.mlcycle.router.grpc.ChannelPool;
import io.mlcycle.router.grpc.GrpcProxyServer;
import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.TrafficRouter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.jboss.logging.Logger;

/** Starts the gRPC proxy server with the application and stops it gracefully with it. */
@ApplicationScoped
public class GrpcLifecycle {

    private static final Logger LOG = Logger.getLogger(GrpcLifecycle.class);

    private final RouterConfig config;
    private volatile GrpcProxyServer server;

    GrpcLifecycle(RouterConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent event, TrafficRouter router, ChannelPool channels, RouterMetrics metrics)
            throws IOException {
        server = new GrpcProxyServer(config.grpc().port(), router, channels, metrics,
                config.grpc().maxMessageBytes(), config.mirrorTimeout().toMillis()).start();
        LOG.infof("gRPC (%s) listening on %d", GrpcProxyServer.SERVICE, server.port());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (server != null) {
            server.stop(config.grpc().shutdownGrace());
        }
    }

    /** The bound port (tests start it on 0). */
    public int port() {
        return server.port();
    }
}
