/**
 * The mlcycle operator application: a Quarkus process running the Java Operator SDK against the cluster named by
 * the kubeconfig or the in-cluster service account. Reconcilers for the four mlcycle kinds live in sub-packages.
 */
package io.mlcycle.operator;
