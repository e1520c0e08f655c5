package io.mlcycle.runtime.bench;

import java.util.concurrent.CompletableFuture;

/** One way to send one inference request of a fixed row; the future completes when it is answered. */
interface Target extends AutoCloseable {

    CompletableFuture<Void> send();

    @Override
    default void close() {
    }
}
