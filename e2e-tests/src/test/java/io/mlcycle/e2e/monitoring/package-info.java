/** Prometheus on the local cluster with the chart's scrape annotations, alert rules and dashboard queries. */
package io.mlcycle.e2e.monitoring;
