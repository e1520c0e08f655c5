package io.mlcycle.runtime.drift;

import java.util.Locale;

/** How a feature's values are summarized: as numbers (quantile sketch, bins) or as categories (frequencies). */
public enum FeatureType {
    NUMERIC, CATEGORICAL;

    /** The manifest's and CRD's spelling: {@code numeric} or {@code categorical}; anything else is refused. */
    public static FeatureType parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "numeric" -> NUMERIC;
            case "categorical" -> CATEGORICAL;
            default -> throw new IllegalArgumentException("feature type '" + text
                    + "' is not numeric or categorical");
        };
    }

    /** Lower-case name, as the profile JSON writes it. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
