/**
 * The mlcycle operator application: a Quarkus process running the Java Operator SDK against the cluster named by
 * the kubeconfig or the in-cluster service account. Reconcilers (TrainingJob and ModelVersion so far) and
 * the pure code they use live in sub-packages.
 */
package io.mlcycle.operator;
