/** GitOps with a real Argo CD: mlcycle's examples synced from Git, judged by mlcycle's health checks and actions. */
package io.mlcycle.e2e.gitops;
