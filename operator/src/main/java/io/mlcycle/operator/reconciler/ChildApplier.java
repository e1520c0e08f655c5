package io.mlcycle.operator.reconciler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Applies the operator's desired children with server-side apply under its own field manager, only when they differ:
 * a child is left alone when the hash of what was last applied (an annotation on it) is the hash of what is desired now
 * and every applied field still has its value. So a no-op reconcile makes no write call, a spec change is applied, and
 * a field someone else changed is set back.
 */
final class ChildApplier {

    static final String FIELD_MANAGER = "mlcycle-operator";
    static final String APPLIED_HASH = "mlcycle.io/applied-hash";

    private final KubernetesClient client;
    private int writes;

    ChildApplier(KubernetesClient client) {
        this.client = client;
    }

    /** A child of that name exists but belongs to something else: the operator never takes it over. */
    static final class NameTaken extends RuntimeException {
        NameTaken(HasMetadata child) {
            super(child.getKind() + " " + child.getMetadata().getName()
                    + " already exists and is not this InferenceService's; rename or delete it");
        }
    }

    /** Creates or updates {@code desired} unless {@code live} (from the informer cache) already matches it. */
    <T extends HasMetadata> void apply(HasMetadata owner, T desired, Optional<? extends HasMetadata> live) {
        JsonNode wanted = client.getKubernetesSerialization().convertValue(desired, JsonNode.class);
        String hash = sha256(wanted.toString());
        if (desired.getMetadata().getAnnotations() == null) {
            desired.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
        }
        desired.getMetadata().getAnnotations().put(APPLIED_HASH, hash);
        if (live.isPresent()) {
            HasMetadata actual = live.get();
            if (!OwnedChildren.ownedBy(owner, actual)) {
                throw new NameTaken(actual);
            }
            JsonNode current = client.getKubernetesSerialization().convertValue(actual, JsonNode.class);
            JsonNode annotated = client.getKubernetesSerialization().convertValue(desired, JsonNode.class);
            if (hash.equals(actual.getMetadata().getAnnotations() == null ? null
                    : actual.getMetadata().getAnnotations().get(APPLIED_HASH)) && OwnedFields.contained(annotated, current)) {
                return;
            }
        }
        writes++;
        client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    /** Deletes a child that is no longer desired. */
    void delete(HasMetadata child) {
        writes++;
        client.resource(child).delete();
    }

    /** Write calls made so far: a reconcile with nothing to change makes none. */
    int writes() {
        return writes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
