package io.mlcycle.runtime.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Settings of the inference runtime, under {@code mlcycle.runtime} (env: {@code MLCYCLE_RUNTIME_*}). */
@ConfigMapping(prefix = "mlcycle.runtime")
public interface RuntimeConfig {

    /** serve (answer inference) or validate (check the artifact once and exit); the first argument overrides it. */
    @WithDefault("serve")
    String mode();

    /** Where validate mode writes its one-line result, when the file exists (Kubernetes creates it). */
    @WithDefault("/dev/termination-log")
    String terminationLog();

    /** Where the model artifact is: s3://, http(s)://, pvc://claim/path or file://; unset serves no model. */
    Optional<String> modelUri();

    /** SHA-256 of the artifact (64 hex characters); required with model-uri, checked before anything is loaded. */
    Optional<String> sha256();

    /** Model name clients use in /v2/models/{name}. */
    @WithDefault("model")
    String name();

    /** Model version clients use in /v2/models/{name}/versions/{version}. */
    @WithDefault("1")
    String version();

    /** Engine: auto (manifest, then files), xgboost, onnxruntime or pytorch. */
    @WithDefault("auto")
    String engine();

    /** Dynamic batching of concurrent requests into one engine call. */
    Batching batching();

    /** Settings under {@code mlcycle.runtime.batching}. */
    interface Batching {

        /** Most rows (dimension 0, summed over requests) in one engine call; 1 turns batching off. */
        @WithDefault("1")
        int maxBatchSize();

        /** Longest time the first request of a batch waits for others to join it. */
        @WithDefault("5ms")
        Duration maxDelay();

        /** Most requests waiting for the engine; more get 429 / RESOURCE_EXHAUSTED at once. */
        @WithDefault("128")
        int queueCapacity();
    }

    /** Drift profiles of live traffic, served at /v2/models/{m}/profile. */
    Drift drift();

    /** Settings under {@code mlcycle.runtime.drift}. */
    interface Drift {

        /** Whether inputs and predictions are profiled at all. */
        @WithDefault("true")
        boolean enabled();

        /** k of the KLL quantile sketches (200: about 1.3% rank error). */
        @WithDefault("200")
        int kllK();

        /** Distinct categories counted by name per categorical feature (beyond the reference's); the rest count as other. */
        @WithDefault("100")
        int maxCategories();

        /** A reference profile JSON file (ModelVersion.spec.referenceProfile's schema); overrides the manifest's. */
        Optional<String> referenceProfile();
    }

    /** Concurrent engine calls (predictor pool size, batch workers); unset means one per CPU. */
    OptionalInt workers();

    /** Threads each engine call may use: ONNX Runtime intra-op, PyTorch, XGBoost nthread. */
    @WithDefault("1")
    int engineThreads();

    /** Where verified artifacts are cached by digest; unset means ${java.io.tmpdir}/mlcycle-artifacts. */
    Optional<String> cacheDir();

    /** Where PersistentVolumeClaims are mounted: pvc://claim/path reads {pvc-mount-root}/claim/path. */
    @WithDefault("/mnt/pvc")
    String pvcMountRoot();

    /** Allow artifact hosts that are link-local or cloud metadata services (off: they could leak credentials). */
    @WithDefault("false")
    boolean allowMetadataHosts();

    /** Directory of a mounted secret with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY files, for s3:// artifacts. */
    Optional<String> s3CredentialsDir();

    /** Longest an http(s) artifact download may take, redirects and body included. */
    @WithDefault("10m")
    Duration httpTimeout();

    /** Most bytes an archive may expand to. */
    @WithDefault("21474836480")
    long maxExtractedBytes();

    /** Most entries an archive may hold. */
    @WithDefault("100000")
    int maxArchiveEntries();

    /** Largest inference request body accepted; larger ones get 413. */
    @WithDefault("67108864")
    long maxRequestBytes();

    /** Exit the process when the model cannot be loaded, so Kubernetes shows the failure and restarts the pod. */
    @WithDefault("true")
    boolean exitOnLoadFailure();
}
