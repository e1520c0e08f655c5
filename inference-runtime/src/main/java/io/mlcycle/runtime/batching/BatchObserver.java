package io.mlcycle.runtime.batching;

/** Told about the models the batching layer schedules and every engine call it makes, e.g. to record metrics. */
@FunctionalInterface
public interface BatchObserver {

    /** Does nothing. */
    BatchObserver NONE = (model, version, requests, rows) -> { };

    /** One engine call ran for {@code requests} requests holding {@code rows} rows in all. */
    void batchRan(String model, String version, int requests, long rows);

    /** A model now sits behind the batching layer (a batcher or a pass-through). */
    default void scheduled(ScheduledModel model) {
    }
}
