package io.mlcycle.operator.status;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The one metric {@code kubectl get} shows: auc, else accuracy, else rmse, else r2, else the first by name, as {@code auc=0.981}. */
public final class Headline {

    private static final List<String> PREFERRED = List.of("auc", "accuracy", "rmse", "r2");

    private Headline() {
    }

    public static String of(Map<String, Double> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            return null;
        }
        String name = PREFERRED.stream().filter(metrics::containsKey).findFirst()
                .orElseGet(() -> new TreeMap<>(metrics).firstKey());
        return name + "=" + String.format(Locale.ROOT, "%.4g", metrics.get(name));
    }
}
