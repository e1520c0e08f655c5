/**
 * Dynamic batching between the serving core and the engine; knows nothing of any transport.
 *
 * <p>{@code BatchingPolicy} decides per model how calls reach it: one request per engine call on engine threads of its own
 * ({@code PassThroughModel}, when {@code max-batch-size} is 1 or the signature has no variable batch dimension) or
 * through a {@code BatchingModel}, whose workers merge queued requests that agree on every non-batch dimension
 * into one engine call (rows concatenated along dimension 0) and split the outputs back to each caller in order.
 * Neither runs the engine on the caller's thread, so transports submit from their event loops.
 * Both admit a bounded number of calls; beyond it callers get an {@code OverloadedException} at once rather than
 * waiting in an unbounded line.
 */
package io.mlcycle.runtime.batching;
