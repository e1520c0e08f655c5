package io.mlcycle.e2e.api;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A realistic mistake in a manifest: a valid example with some edits, the field the API server must name in its
 * refusal, and the words that say what is allowed.
 *
 * @param onUpdate the example is created first and the edits are sent as an update (immutability rules)
 */
record Mistake(String description, String example, List<Consumer<ObjectNode>> edits, boolean onUpdate,
               String field, String allowed) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Override
    public String toString() {
        return description;
    }

    /** The example with the edits applied. */
    ObjectNode apply(ObjectNode valid) {
        ObjectNode manifest = valid.deepCopy();
        edits.forEach(edit -> edit.accept(manifest));
        return manifest;
    }

    static ObjectNode read(Path file) {
        try {
            return (ObjectNode) YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the value at a JSON pointer (e.g. /spec/rollout/steps/1/weight) to a YAML value, creating objects on the way. */
    static Consumer<ObjectNode> set(String pointer, String yamlValue) {
        return manifest -> {
            JsonPointer path = JsonPointer.compile(pointer);
            JsonNode value = parse(yamlValue);
            JsonNode parent = parentOf(manifest, path);
            String last = path.last().getMatchingProperty();
            if (parent instanceof ArrayNode array) {
                array.set(Integer.parseInt(last), value);
            } else {
                ((ObjectNode) parent).set(last, value);
            }
        };
    }

    static Consumer<ObjectNode> remove(String pointer) {
        return manifest -> {
            JsonPointer path = JsonPointer.compile(pointer);
            ((ObjectNode) parentOf(manifest, path)).remove(path.last().getMatchingProperty());
        };
    }

    private static JsonNode parentOf(ObjectNode manifest, JsonPointer path) {
        JsonNode node = manifest;
        for (JsonPointer step = path; step.tail() != null && !step.tail().matches(); step = step.tail()) {
            String name = step.getMatchingProperty();
            JsonNode next = node.isArray() ? node.get(step.getMatchingIndex()) : node.get(name);
            if (next == null) {
                next = ((ObjectNode) node).putObject(name);
            }
            node = next;
        }
        return node;
    }

    private static JsonNode parse(String yamlValue) {
        try {
            return YAML.readTree(yamlValue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
