package io.mlcycle.api.v1alpha1;

/** File formats the built-in trainer reads. */
public enum DatasetFormat {
    csv,
    parquet
}
