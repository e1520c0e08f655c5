/** The Helm chart (helm/mlcycle) as the real helm renders, lints and validates it. */
package io.mlcycle.e2e.chart;
