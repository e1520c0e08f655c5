/**
 * What a run leaves behind under {@code MLCYCLE_OUTPUT_URI}: {@code model.tar.gz} (the model file and its
 * {@code mlcycle-model.json}, archived byte for byte the same on every run of the same inputs),
 * {@code reference-profile.json}, {@code metrics.json} and, last, {@code mlcycle-result.json}, the summary the
 * operator registers the ModelVersion from; written to S3 or a local folder.
 */
package io.mlcycle.trainer.output;
