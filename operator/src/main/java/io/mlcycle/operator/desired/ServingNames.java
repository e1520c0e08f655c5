package io.mlcycle.operator.desired;

import java.util.Locale;

import io.mlcycle.api.v1alpha1.InferenceService;

/**
 * The names of an InferenceService's children. Services must be DNS-1035 labels (63 characters, lowercase, no dots),
 * while an InferenceService may be named as a DNS subdomain: names are cleaned and cut with a hash to stay distinct.
 */
public final class ServingNames {

    /** Leaves room for the ReplicaSet and pod suffixes Kubernetes appends to a Deployment's name. */
    private static final int DEPLOYMENT_MAX = 47;

    private ServingNames() {
    }

    /** The revision serving {@code version} (spec.version of the ModelVersion): {@code <service>-v<version>}. */
    public static String revision(InferenceService service, String version) {
        return label(service.getMetadata().getName() + "-v" + version, DEPLOYMENT_MAX);
    }

    /** The Service clients call: the router's, named as the InferenceService. */
    public static String endpoint(InferenceService service) {
        return label(service.getMetadata().getName(), LabelValues.LABEL_VALUE_MAX);
    }

    /** The router's Deployment, ServiceAccount, Role and RoleBinding. */
    public static String router(InferenceService service) {
        return label(service.getMetadata().getName() + "-router", DEPLOYMENT_MAX);
    }

    /** The ConfigMap whose {@code traffic.json} the router watches. */
    public static String traffic(InferenceService service) {
        return label(service.getMetadata().getName() + "-traffic", LabelValues.LABEL_VALUE_MAX);
    }

    /**
     * {@code raw} as a DNS-1035 label of at most {@code max} characters; when cleaning changed it, a hash of the raw
     * name keeps two names that clean alike (a.b, a-b) apart.
     */
    static String label(String raw, int max) {
        String clean = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[^a-z]+", "").replaceAll("-+$", "");
        if (clean.equals(raw)) {
            return LabelValues.shorten(clean, max);
        }
        return LabelValues.hashed(clean.isEmpty() ? "x" : clean, raw, max);
    }
}
