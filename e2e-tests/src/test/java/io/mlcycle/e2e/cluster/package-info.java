/**
 * The full local cluster as a user meets it: a real node with containerd and simulated GPUs, cluster DNS, Services,
 * Jobs, S3 storage, and the operator running as a pod with least-privilege RBAC.
 */
package io.mlcycle.e2e.cluster;
