package io.mlcycle.runtime.batching;

/** Told about the models the batching layer schedules and every engine call it makes, e.g. to record metrics. */
@FunctionalInterface
public interface BatchObserver {

    /** Does nothing. */
    BatchObserver NONE = (model, version, requests, rows, engineNanos) -> { };

    /**
     * One engine call ran for {@code requests} requests holding {@code rows} rows in all and took
     * {@code engineNanos} (the model's predict alone; failed calls too).
     */
    void batchRan(String model, String version, int requests, long rows, long engineNanos);

    /** A model now sits behind the batching layer (a batcher or a pass-through). */
    default void scheduled(ScheduledModel model) {
    }
}
