package io.mlcycle.operator.config;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** The CPU and memory a kind of operator-started pod gets when its resource does not say. */
public record WorkloadResources(Quantity cpu, Quantity memory) {

    /** Refuses what Kubernetes would refuse, at the operator's start rather than on every pod it creates. */
    public WorkloadResources {
        Quantity.getAmountInBytes(cpu);
        Quantity.getAmountInBytes(memory);
    }

    /** From quantities as Kubernetes writes them ({@code 500m}, {@code 1Gi}). */
    public static WorkloadResources of(String cpu, String memory) {
        return new WorkloadResources(new Quantity(cpu), new Quantity(memory));
    }

    /** Both amounts, keyed as in a container's requests. */
    public Map<String, Quantity> amounts() {
        return Map.of("cpu", cpu, "memory", memory);
    }
}
