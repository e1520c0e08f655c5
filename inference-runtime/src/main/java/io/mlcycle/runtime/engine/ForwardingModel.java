package io.mlcycle.runtime.engine;

import io.mlcycle.runtime.tensor.ModelSignature;

/**
 * A model wrapped by another layer (drift recording, batching): it answers for the wrapped model's identity,
 * engine, signature and manifest, and subclasses decide how predictions and closing go through.
 */
public abstract class ForwardingModel implements LoadedModel {

    protected final LoadedModel delegate;

    protected ForwardingModel(LoadedModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public EngineKind engine() {
        return delegate.engine();
    }

    @Override
    public ModelSignature signature() {
        return delegate.signature();
    }

    @Override
    public ModelManifest manifest() {
        return delegate.manifest();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
