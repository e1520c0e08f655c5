package io.mlcycle.runtime.batching;

import io.mlcycle.runtime.engine.LoadedModel;

/** A model behind the batching layer: calls are admitted up to a limit, may wait in its queue, and run in batches. */
public interface ScheduledModel extends LoadedModel {

    /** Requests admitted but not yet in an engine call. */
    int queueDepth();
}
