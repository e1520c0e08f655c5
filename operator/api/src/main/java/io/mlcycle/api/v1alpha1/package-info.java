/**
 * The mlcycle.io/v1alpha1 custom resources — TrainingJob, ModelVersion, InferenceService,
 * DriftMonitor — and the value types of their spec and status.
 *
 * <p>The CRD YAML under {@code crds/} is generated from these classes: descriptions come from
 * {@code @JsonPropertyDescription}, OpenAPI validation from the Fabric8 generator annotations, and
 * cross-field rules are CEL ({@code @ValidationRule}) whose messages name the field and say what is
 * allowed. The classes hold data only; the operator never writes spec.
 */
package io.mlcycle.api.v1alpha1;
