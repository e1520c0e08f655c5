package io.mlcycle.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/** Whether a derived status differs from the one stored: a reconcile with nothing new writes nothing. */
final class StatusWrites {

    private StatusWrites() {
    }

    static boolean changed(KubernetesClient client, Object stored, Object derived) {
        JsonNode before = stored == null ? null : client.getKubernetesSerialization().convertValue(stored, JsonNode.class);
        JsonNode after = client.getKubernetesSerialization().convertValue(derived, JsonNode.class);
        return !Objects.equals(before, after);
    }
}
