/** The operator's settings (images, the S3 Secret, default approval), read once from Quarkus configuration. */
package io.mlcycle.operator.config;
