package io.mlcycle.router.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlcycle.router.app.RouterBeans.TableInstaller;
import io.mlcycle.router.kube.KubernetesTrafficSource;
import io.mlcycle.router.metrics.RouterMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Starts the Kubernetes watch at start-up; the router is ready ({@code /q/health/ready}) once it has synced. */
@Readiness
@ApplicationScoped
public class TrafficWatch implements HealthCheck {

    private final RouterConfig config;
    private final Instance<KubernetesClient> client;
    private final TableInstaller installer;
    private final RouterMetrics metrics;
    private volatile KubernetesTrafficSource source;

    TrafficWatch(RouterConfig config, Instance<KubernetesClient> client, TableInstaller installer,
            RouterMetrics metrics) {
        this.config = config;
        this.client = client;
        this.installer = installer;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (!config.watch()) {
            return;
        }
        // The client is looked up only here: with the watch off (tests) no API server is ever contacted.
        source = new KubernetesTrafficSource(client.get(), config.namespace(), config.configMap(), installer,
                metrics::configError);
        source.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (source != null) {
            source.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        boolean synced = !config.watch() || (source != null && source.isSynced());
        return HealthCheckResponse.named("traffic-watch").status(synced)
                .withData("configMap", config.namespace() + "/" + config.configMap()).build();
    }
}
