/**
 * Pure functions from custom resources (and the operator's settings) to the Kubernetes objects they should have:
 * trainer Jobs and their headless Services, validation Jobs, the ModelVersion a finished training registers. Nothing
 * here reads or writes the cluster ({@code PurityTest} checks it).
 */
package io.mlcycle.operator.desired;
