package io.mlcycle.runtime.drift;

/**
 * How live traffic is profiled.
 *
 * @param enabled whether anything is recorded at all
 * @param kllK the KLL sketches' k: larger is more accurate and bigger (k=200: about 1.3% rank error, a few KiB)
 * @param maxCategories distinct categories counted by name per categorical feature, beyond the reference's
 */
public record DriftSettings(boolean enabled, int kllK, int maxCategories) {

    public DriftSettings {
        if (kllK < 8 || kllK > 65535) {
            throw new IllegalArgumentException("KLL k must be between 8 and 65535, got " + kllK);
        }
        if (maxCategories < 0) {
            throw new IllegalArgumentException("max categories must be >= 0, got " + maxCategories);
        }
    }

    public static DriftSettings defaults() {
        return new DriftSettings(true, 200, 100);
    }
}
