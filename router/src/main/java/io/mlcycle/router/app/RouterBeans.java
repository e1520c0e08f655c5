package io.mlcycle.router.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlcycle.router.grpc.ChannelPool;
import io.mlcycle.router.metrics.RouterMetrics;
import io.mlcycle.router.routing.RoutingTable;
import io.mlcycle.router.routing.TrafficRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.function.Consumer;

/** The plain objects of the other packages, as singletons. */
@ApplicationScoped
public class RouterBeans {

    @Produces
    @Singleton
    TrafficRouter trafficRouter() {
        return new TrafficRouter();
    }

    @Produces
    @Singleton
    RouterMetrics routerMetrics(MeterRegistry registry) {
        return new RouterMetrics(registry);
    }

    @Produces
    @Singleton
    ChannelPool channelPool(RouterConfig config) {
        return new ChannelPool(config.grpc().maxMessageBytes());
    }

    void closeChannels(@Disposes ChannelPool channels) throws InterruptedException {
        channels.close();
    }

    /** Where new tables go: the router, then the gauges, then the channels of endpoints gone. */
    @Produces
    @Singleton
    TableInstaller tableInstaller(TrafficRouter router, RouterMetrics metrics, ChannelPool channels) {
        return table -> {
            router.install(table);
            metrics.tableInstalled(table);
            channels.retainOnly(table);
        };
    }

    /** Takes each routing table built from the cluster's state. */
    public interface TableInstaller extends Consumer<RoutingTable> {
    }
}
