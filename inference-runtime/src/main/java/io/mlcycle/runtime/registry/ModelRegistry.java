package io.mlcycle.runtime.registry;

import io.mlcycle.runtime.engine.LoadedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Ready models by name, then version. Without a version, a lookup answers the default version: the one
 * registered last. Thread-safe; replacing a version closes the model it replaces.
 */
public final class ModelRegistry {

    /** A model's versions in registration order, with the newest as default. */
    private static final class Versions {
        private final Map<String, LoadedModel> byVersion = new ConcurrentSkipListMap<>();
        private volatile String latest;
    }

    private final Map<String, Versions> models = new ConcurrentHashMap<>();

    public synchronized void register(LoadedModel model) {
        Versions versions = models.computeIfAbsent(model.name(), n -> new Versions());
        LoadedModel previous = versions.byVersion.put(model.version(), model);
        versions.latest = model.version();
        if (previous != null && previous != model) {
            previous.close();
        }
    }

    public synchronized Optional<LoadedModel> unregister(String name, String version) {
        Versions versions = models.get(name);
        if (versions == null) {
            return Optional.empty();
        }
        LoadedModel removed = versions.byVersion.remove(version);
        if (versions.byVersion.isEmpty()) {
            models.remove(name);
        } else if (version.equals(versions.latest)) {
            versions.latest = versions.byVersion.keySet().iterator().next();
        }
        return Optional.ofNullable(removed);
    }

    /** The model with this name and version, or its default version when {@code version} is empty. */
    public Optional<LoadedModel> find(String name, Optional<String> version) {
        Versions versions = models.get(name);
        if (versions == null) {
            return Optional.empty();
        }
        String wanted = version.orElse(versions.latest);
        return wanted == null ? Optional.empty() : Optional.ofNullable(versions.byVersion.get(wanted));
    }

    /** The versions registered under a name, sorted. */
    public List<String> versions(String name) {
        Versions versions = models.get(name);
        return versions == null ? List.of() : new ArrayList<>(versions.byVersion.keySet());
    }

    public List<LoadedModel> all() {
        List<LoadedModel> all = new ArrayList<>();
        models.values().forEach(v -> all.addAll(v.byVersion.values()));
        return all;
    }

    public boolean isEmpty() {
        return models.isEmpty();
    }

    /** Closes and forgets every model. */
    public synchronized void closeAll() {
        all().forEach(LoadedModel::close);
        models.clear();
    }
}
