package io.mlcycle.router.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the router, under {@code mlcycle.router} (env: {@code MLCYCLE_ROUTER_*}). */
@ConfigMapping(prefix = "mlcycle.router")
public interface RouterConfig {

    /** The namespace of the InferenceService (the downward API's metadata.namespace). */
    String namespace();

    /** The name of the ConfigMap holding traffic.json, written by the operator. */
    String configMap();

    /** Whether to watch Kubernetes at all; off only in tests that install tables themselves. */
    @WithDefault("true")
    boolean watch();

    /** The gRPC server. */
    Grpc grpc();

    /** Settings under {@code mlcycle.router.grpc}. */
    interface Grpc {

        /** The port of inference.GRPCInferenceService (0 picks a free one, for tests). */
        @WithDefault("8081")
        int port();

        /** Largest message relayed either way; the runtime's own limit is the same 64 MiB. */
        @WithDefault("67108864")
        int maxMessageBytes();

        /** How long running calls may take to finish when the router stops. */
        @WithDefault("10s")
        Duration shutdownGrace();
    }

    /** The HTTP client towards the revisions. */
    Backend backend();

    /** Settings under {@code mlcycle.router.backend}. */
    interface Backend {

        /** Pooled keep-alive connections per endpoint. */
        @WithDefault("64")
        int maxPoolSize();

        /** Connect timeout towards an endpoint. */
        @WithDefault("2s")
        Duration connectTimeout();
    }

    /** How long a mirrored copy may take before it is dropped (REST idle timeout, gRPC deadline). */
    @WithDefault("30s")
    Duration mirrorTimeout();
}
