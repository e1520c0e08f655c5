/**
 * Training and the registry on the local cluster: TrainingJobs run by the operator in the cluster, with the built-in
 * trainer image on data in the cluster's S3 store, register ModelVersions that the runtime image validates.
 */
package io.mlcycle.e2e.training;
