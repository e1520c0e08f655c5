package io.mlcycle.runtime.drift;

import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.engine.ModelManifest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drift recorders of the served models, by name and version. Builds each model's recorder from its signature,
 * its manifest's features and a reference profile: the configured one when given, else the manifest's.
 */
public final class DriftProfiles {

    /** Which DataSketches library wrote the sketches (the operator reads them with a compatible one). */
    static final String LIBRARY = "org.apache.datasketches:datasketches-java:6.2.0";

    private final DriftSettings settings;
    private final Optional<ReferenceProfile> configured;
    private final Clock clock;
    private final int stripes;
    private final Map<String, DriftRecorder> recorders = new ConcurrentHashMap<>();

    public DriftProfiles(DriftSettings settings, Optional<ReferenceProfile> configured, Clock clock, int stripes) {
        this.settings = settings;
        this.configured = configured;
        this.clock = clock;
        this.stripes = stripes;
    }

    /** Defaults, no configured reference, {@link #defaultStripes()} stripes. */
    public static DriftProfiles withDefaults() {
        return new DriftProfiles(DriftSettings.defaults(), Optional.empty(), Clock.systemUTC(), defaultStripes());
    }

    /**
     * Two stripes per CPU, at most 8: recording is per batch, so few threads contend, while every stripe holds a
     * sketch per feature (a few KiB each once busy) that would multiply on large nodes.
     */
    public static int defaultStripes() {
        return Math.min(8, 2 * Runtime.getRuntime().availableProcessors());
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** A new recorder for the model, registered under its name and version (replacing an older one). */
    public DriftRecorder register(LoadedModel model) {
        DriftRecorder recorder = create(model);
        recorders.put(key(model.name(), model.version()), recorder);
        return recorder;
    }

    /** A recorder for the model's inputs and outputs, not registered. */
    public DriftRecorder create(LoadedModel model) {
        ModelManifest manifest = model.manifest();
        ReferenceProfile reference = configured.orElseGet(() -> manifest.referenceProfile()
                .map(ReferenceProfile::parse).orElse(ReferenceProfile.none()));
        List<FeatureColumn> inputs = FeatureLayout.inputs(model.signature().inputs(), manifest.features());
        List<FeatureColumn> outputs = FeatureLayout.outputs(model.signature().outputs());
        List<FeatureAccumulator> prototypes = new ArrayList<>();
        for (FeatureColumn column : inputs) {
            prototypes.add(accumulator(column, reference.feature(column.name())));
        }
        for (FeatureColumn column : outputs) {
            prototypes.add(accumulator(column, reference.feature(column.name())));
        }
        return new DriftRecorder(model.name(), model.version(), inputs, outputs, prototypes,
                new DriftProfile.Sketch("kll_doubles", settings.kllK(), LIBRARY), reference, clock, stripes);
    }

    private FeatureAccumulator accumulator(FeatureColumn column, Optional<ReferenceProfile.Feature> reference) {
        if (column.rowArgmax()) {
            return new ArgmaxAccumulator(new CategoricalAccumulator(settings.maxCategories(), Set.of()));
        }
        if (column.type() == FeatureType.CATEGORICAL) {
            return new CategoricalAccumulator(settings.maxCategories(),
                    reference.map(ReferenceProfile.Feature::categories).orElse(Set.of()));
        }
        return new NumericAccumulator(settings.kllK(), reference.flatMap(ReferenceProfile.Feature::binEdges));
    }

    public Optional<DriftRecorder> find(String name, String version) {
        return Optional.ofNullable(recorders.get(key(name, version)));
    }

    public void remove(String name, String version) {
        recorders.remove(key(name, version));
    }

    private static String key(String name, String version) {
        return name + '\0' + version;
    }
}
