/** What the end-to-end tests share: the cluster under test, kubectl, the repository's manifests, test namespaces. */
package io.mlcycle.e2e.support;
