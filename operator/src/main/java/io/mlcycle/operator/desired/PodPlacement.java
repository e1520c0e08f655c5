package io.mlcycle.operator.desired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.mlcycle.api.v1alpha1.GpuSpec;
import io.mlcycle.api.v1alpha1.ResourcesSpec;
import io.mlcycle.api.v1alpha1.SchedulingSpec;
import io.mlcycle.api.v1alpha1.TolerationSpec;

/** Resources and tolerations of the pods mlcycle starts, from a resource's {@code resources} and {@code scheduling}. */
final class PodPlacement {

    private PodPlacement() {
    }

    /** Requests equal limits (a predictable share); GPUs as the device plugin's extended resource. */
    static ResourceRequirements resources(ResourcesSpec resources) {
        return resources(resources, Map.of());
    }

    /** As {@link #resources(ResourcesSpec)}, with {@code defaults} for what the spec leaves unset. */
    static ResourceRequirements resources(ResourcesSpec resources, Map<String, Quantity> defaults) {
        Map<String, Quantity> amounts = new LinkedHashMap<>(defaults);
        if (resources != null) {
            Optional.ofNullable(resources.getCpu()).ifPresent(cpu -> amounts.put("cpu", cpu));
            Optional.ofNullable(resources.getMemory()).ifPresent(memory -> amounts.put("memory", memory));
            GpuSpec gpu = resources.getGpu();
            if (gpuCount(resources) > 0) {
                amounts.put(gpu.getResourceName(), new Quantity(Integer.toString(gpu.getCount())));
            }
        }
        return new ResourceRequirementsBuilder().withRequests(amounts.isEmpty() ? null : amounts)
                .withLimits(amounts.isEmpty() ? null : amounts).build();
    }

    /** The user's tolerations; with GPUs and none given, the standard one for the GPU resource's NoSchedule taint. */
    static List<Toleration> tolerations(SchedulingSpec scheduling, ResourcesSpec resources) {
        List<TolerationSpec> given = scheduling == null ? null : scheduling.getTolerations();
        if (given != null && !given.isEmpty()) {
            return given.stream().map(PodPlacement::toleration).toList();
        }
        if (gpuCount(resources) > 0) {
            return List.of(new TolerationBuilder().withKey(resources.getGpu().getResourceName()).withOperator("Exists")
                    .withEffect("NoSchedule").build());
        }
        return List.of();
    }

    static int gpuCount(ResourcesSpec resources) {
        GpuSpec gpu = resources == null ? null : resources.getGpu();
        return gpu == null || gpu.getCount() == null ? 0 : gpu.getCount();
    }

    private static Toleration toleration(TolerationSpec t) {
        return new TolerationBuilder().withKey(t.getKey())
                .withOperator(t.getOperator() == null ? null : t.getOperator().name()).withValue(t.getValue())
                .withEffect(t.getEffect() == null ? null : t.getEffect().name())
                .withTolerationSeconds(t.getTolerationSeconds()).build();
    }
}
