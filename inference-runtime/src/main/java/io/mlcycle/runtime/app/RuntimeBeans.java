package io.mlcycle.runtime.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlcycle.runtime.artifact.ArchiveExtractor;
import io.mlcycle.runtime.artifact.ArtifactFetcher;
import io.mlcycle.runtime.artifact.ArtifactStore;
import io.mlcycle.runtime.artifact.HostPolicy;
import io.mlcycle.runtime.artifact.HttpFetcher;
import io.mlcycle.runtime.artifact.LocalFetcher;
import io.mlcycle.runtime.artifact.S3Fetcher;
import io.mlcycle.runtime.artifact.S3Settings;
import io.mlcycle.runtime.batching.BatchingPolicy;
import io.mlcycle.runtime.batching.BatchingSettings;
import io.mlcycle.runtime.engine.ModelLoader;
import io.mlcycle.runtime.metrics.RuntimeMetrics;
import io.mlcycle.runtime.protocol.oip.OipJsonCodec;
import io.mlcycle.runtime.protocol.rest.RestSettings;
import io.mlcycle.runtime.serving.ServerMetadata;
import io.mlcycle.runtime.registry.ModelRegistry;
import io.mlcycle.runtime.serving.ModelServer;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import io.mlcycle.runtime.drift.DriftProfiles;
import io.mlcycle.runtime.drift.DriftSettings;
import io.mlcycle.runtime.drift.ReferenceProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/** CDI producers: the only place that turns configuration into the runtime's plain objects. */
@Singleton
public class RuntimeBeans {

    /** Name and version reported by {@code GET /v2}. */
    static final ServerMetadata SERVER = new ServerMetadata("mlcycle", "0.1.0", List.of("binary_tensor_data"));

    @Produces
    @Singleton
    OipJsonCodec codec() {
        return new OipJsonCodec();
    }

    @Produces
    @Singleton
    RestSettings restSettings(RuntimeConfig config) {
        return new RestSettings(config.maxRequestBytes());
    }

    @Produces
    @Singleton
    ModelRegistry registry() {
        return new ModelRegistry();
    }

    void closeModels(@Disposes ModelRegistry registry) {
        registry.closeAll();
    }

    @Produces
    @Singleton
    RuntimeMetrics metrics(MeterRegistry registry) {
        return new RuntimeMetrics(registry);
    }

    @Produces
    @Singleton
    BatchingPolicy batching(RuntimeConfig config, RuntimeMetrics metrics) {
        RuntimeConfig.Batching batching = config.batching();
        return new BatchingPolicy(new BatchingSettings(batching.maxBatchSize(), batching.maxDelay(),
                batching.queueCapacity(), workers(config)), metrics);
    }

    @Produces
    @Singleton
    DriftProfiles drift(RuntimeConfig config, OipJsonCodec codec) {
        RuntimeConfig.Drift drift = config.drift();
        Optional<ReferenceProfile> reference = drift.referenceProfile().map(file -> {
            try {
                return ReferenceProfile.parse(codec.mapper().readTree(Path.of(file).toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read reference profile " + file + ": " + e.getMessage(), e);
            }
        });
        return new DriftProfiles(new DriftSettings(drift.enabled(), drift.kllK(), drift.maxCategories()), reference,
                Clock.systemUTC(), DriftProfiles.defaultStripes());
    }

    @Produces
    @Singleton
    ModelServer server(ModelRegistry registry, BatchingPolicy batching, DriftProfiles drift) {
        return new ModelServer(registry, SERVER, batching, drift);
    }

    /** Engine calls at once: one per CPU unless set, each with {@code engine-threads} threads. */
    static int workers(RuntimeConfig config) {
        return config.workers().orElse(Runtime.getRuntime().availableProcessors());
    }

    @Produces
    @Singleton
    ModelLoader loader(OipJsonCodec codec) {
        return new ModelLoader(codec.mapper());
    }

    @Produces
    @Singleton
    ArtifactStore artifactStore(RuntimeConfig config) {
        HostPolicy policy = new HostPolicy(config.allowMetadataHosts());
        LocalFetcher local = new LocalFetcher(Path.of(config.pvcMountRoot()));
        HttpFetcher http = new HttpFetcher(policy, config.httpTimeout());
        S3Settings s3 = S3Settings.from(System.getenv(), config.s3CredentialsDir().map(Path::of));
        Map<String, ArtifactFetcher> fetchers = Map.of("file", local, "pvc", local, "http", http, "https", http,
                "s3", new S3Fetcher(s3, policy));
        Path cache = config.cacheDir().map(Path::of)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "mlcycle-artifacts"));
        return new ArtifactStore(cache, policy, fetchers,
                new ArchiveExtractor(config.maxExtractedBytes(), config.maxArchiveEntries()));
    }
}
