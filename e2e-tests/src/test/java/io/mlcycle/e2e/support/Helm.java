package io.mlcycle.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the Helm the harness builds (e2e-tests/cluster/addons.sh) as a platform team would, with caches and config in
 * a folder of its own (nothing of the user's ~/.config/helm is read or written).
 */
public final class Helm {

    private final Path home;
    private final Path kubeconfig;

    /** A Helm for rendering and linting only (no cluster). */
    public static Helm offline() {
        return new Helm(null);
    }

    /** A Helm that installs into the cluster of this kubeconfig. */
    public static Helm against(Path kubeconfig) {
        return new Helm(kubeconfig);
    }

    private Helm(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
        try {
            this.home = Files.createTempDirectory("mlcycle-helm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The harness's helm, else the first one on the PATH. */
    static String binary() {
        String bin = System.getProperty("mlcycle.k8sBin");
        if (bin != null && Files.isExecutable(Path.of(bin, "helm"))) {
            return Path.of(bin, "helm").toString();
        }
        return "helm";
    }

    public ProgramRun.Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary()));
        if (kubeconfig != null) {
            command.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        }
        command.addAll(List.of(args));
        return ProgramRun.run(command, Map.of("HELM_CACHE_HOME", home.resolve("cache").toString(),
                "HELM_CONFIG_HOME", home.resolve("config").toString(), "HELM_DATA_HOME",
                home.resolve("data").toString()), Duration.ofMinutes(5));
    }
}
