package io.mlcycle.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs kubectl as a user would, against the cluster under test. */
public final class Kubectl {

    private final Path kubeconfig;

    Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** The kubectl built by the harness, else the first one on the PATH. */
    static String binary() {
        String bin = System.getProperty("mlcycle.k8sBin");
        if (bin != null && Files.isExecutable(Path.of(bin, "kubectl"))) {
            return Path.of(bin, "kubectl").toString();
        }
        return "kubectl";
    }

    public ProgramRun.Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return ProgramRun.run(command, Map.of(), Duration.ofSeconds(60));
    }
}
