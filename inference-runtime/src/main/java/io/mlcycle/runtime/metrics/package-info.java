/**
 * The runtime's own Prometheus metrics, through Micrometer (scraped at {@code /q/metrics}): inference requests by
 * model, version, protocol and code, their latency histogram, batch sizes, queue depth and model load time. The
 * transports and the batching layer report to {@code RuntimeMetrics}; nothing here decides anything.
 */
package io.mlcycle.runtime.metrics;
