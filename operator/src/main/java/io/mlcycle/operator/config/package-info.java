/**
 * The operator's settings (images and pull secrets, the S3 Secret, default approval, workload resources), read once
 * from Quarkus configuration.
 */
package io.mlcycle.operator.config;
