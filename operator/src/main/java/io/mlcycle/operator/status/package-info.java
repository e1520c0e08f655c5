/**
 * Pure functions from a custom resource and what was observed of its children (Jobs, pods, the trainer's progress and
 * result) to its status and kstatus conditions. Nothing here reads or writes the cluster ({@code PurityTest}).
 */
package io.mlcycle.operator.status;
