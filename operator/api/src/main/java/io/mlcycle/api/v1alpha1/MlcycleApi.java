package io.mlcycle.api.v1alpha1;

/** The API group, version and category shared by the four mlcycle kinds. */
public final class MlcycleApi {

    public static final String GROUP = "mlcycle.io";
    public static final String VERSION = "v1alpha1";
    /** {@code kubectl get mlcycle} lists every kind in this category. */
    public static final String CATEGORY = "mlcycle";

    private MlcycleApi() {
    }
}
