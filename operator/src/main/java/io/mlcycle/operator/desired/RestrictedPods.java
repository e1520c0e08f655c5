package io.mlcycle.operator.desired;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;

/**
 * The parts every pod mlcycle starts shares to pass Pod Security "restricted": non-root uid 1001 (what the project's
 * images run as), no privilege escalation, no capabilities, the runtime's default seccomp profile, a read-only root
 * with emptyDirs for {@code /tmp} and the model cache, and the S3 keys from an optional Secret as environment.
 */
final class RestrictedPods {

    static final long UID = 1001L;
    static final String TMP = "tmp";
    static final String CACHE = "cache";
    static final String CACHE_PATH = "/var/cache/mlcycle";

    private RestrictedPods() {
    }

    static PodSecurityContext podSecurity() {
        return new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(UID).withRunAsGroup(0L)
                .withFsGroup(0L).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    static SecurityContext containerSecurity() {
        return new SecurityContextBuilder().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true).withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    /** /tmp, and the artifact and engine cache (PyTorch unpacks ~430 MB of libtorch there). */
    static List<Volume> scratchVolumes(String cacheSize) {
        return List.of(new VolumeBuilder().withName(TMP).withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName(CACHE).withNewEmptyDir().withSizeLimit(new Quantity(cacheSize)).endEmptyDir()
                        .build());
    }

    static List<VolumeMount> scratchMounts() {
        return List.of(new VolumeMountBuilder().withName(TMP).withMountPath("/tmp").build(),
                new VolumeMountBuilder().withName(CACHE).withMountPath(CACHE_PATH).build());
    }

    /** The pull secrets, by name; none: no field, so pods made before the setting existed stay unchanged. */
    static List<LocalObjectReference> pullSecrets(List<String> names) {
        return names.isEmpty() ? null : names.stream().map(LocalObjectReference::new).toList();
    }

    /** Every key of the S3 Secret as an environment variable; a namespace without the Secret still runs. */
    static EnvFromSource s3Keys(String secret) {
        return new EnvFromSourceBuilder().withNewSecretRef().withName(secret).withOptional(true).endSecretRef().build();
    }
}
