/**
 * The runtime benchmark's load generator (run by bench/runtime-bench.sh, not part of the image): closed- and
 * open-loop OIP load over REST and gRPC on loopback, bounded in time, latencies in HdrHistogram.
 */
package io.mlcycle.runtime.bench;
