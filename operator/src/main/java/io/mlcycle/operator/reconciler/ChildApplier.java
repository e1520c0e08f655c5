package io.mlcycle.operator.reconciler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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
    private static final ObjectMapper SORTED = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

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
        String hash = sha256(canonical(wanted));
        if (desired.getMetadata().getAnnotations() == null) {
            desired.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
        }
        desired.getMetadata().getAnnotations().put(APPLIED_HASH, hash);
        // The informers see only what carries the InferenceService's label: a namesake made by someone else must be
        // looked for before server-side apply (forced) would take it over.
        Optional<? extends HasMetadata> found = live.isPresent() ? live
                : Optional.ofNullable(client.resource(desired).get());
        if (found.isPresent()) {
            HasMetadata actual = found.get();
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

    /**
     * The JSON with every object's keys in order: desired objects are built from {@code Map.of} maps, whose order
     * differs from one JVM to the next, and a restarted operator must find the same hash.
     */
    static String canonical(JsonNode node) {
        try {
            return SORTED.writeValueAsString(SORTED.treeToValue(node, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
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
