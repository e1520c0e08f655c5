package io.mlcycle.trainer.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code MLCYCLE_HYPERPARAMETERS}: a JSON object of string values (numbers and booleans are taken as their text),
 * read with typed getters that name the key and the value at fault.
 */
public final class Hyperparameters {

    private static final ObjectMapper JSON = new ObjectMapper();

    // Sorted, so whatever passes through to XGBoost does so in the same order on every run.
    private final Map<String, String> values;

    public Hyperparameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Hyperparameters none() {
        return new Hyperparameters(Map.of());
    }

    /** Parses the environment variable's JSON; blank means none. */
    public static Hyperparameters parse(String json) {
        if (json == null || json.isBlank()) {
            return none();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("MLCYCLE_HYPERPARAMETERS is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("MLCYCLE_HYPERPARAMETERS must be a JSON object of strings, e.g. {\"max_depth\": \"4\"}");
        }
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw invalid("hyperparameter '" + entry.getKey() + "' must be a string, got " + value);
            }
            values.put(entry.getKey(), value.asText());
        }
        return new Hyperparameters(values);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> text(String key) {
        return Optional.ofNullable(values.get(key)).map(String::trim);
    }

    /** An integer in {@code [min, max]}, or the default when the key is absent. */
    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                throw invalid("hyperparameter " + key + "=" + text.get() + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid("hyperparameter " + key + "=" + text.get() + " is not an integer");
        }
    }

    /** A number strictly above {@code exclusiveMin} and strictly below {@code exclusiveMax}, or the default. */
    public double number(String key, double defaultValue, double exclusiveMin, double exclusiveMax) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text.get());
            if (!(value > exclusiveMin && value < exclusiveMax)) {
                throw invalid("hyperparameter " + key + "=" + text.get() + " must be above " + exclusiveMin
                        + " and below " + exclusiveMax);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid("hyperparameter " + key + "=" + text.get() + " is not a number");
        }
    }

    /** A comma-separated list of positive integers, e.g. {@code "16,16"}, or the default. */
    public List<Integer> integers(String key, List<Integer> defaultValue, int max) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        List<Integer> list = new ArrayList<>();
        for (String part : text.get().split(",")) {
            try {
                int value = Integer.parseInt(part.trim());
                if (value < 1 || value > max) {
                    throw invalid("hyperparameter " + key + "=" + text.get() + ": every size must be between 1 and "
                            + max);
                }
                list.add(value);
            } catch (NumberFormatException e) {
                throw invalid("hyperparameter " + key + "=" + text.get()
                        + " is not a comma-separated list of integers, e.g. \"16,16\"");
            }
        }
        return List.copyOf(list);
    }

    /** The keys outside {@code known}, sorted. */
    public List<String> unknownKeys(Set<String> known) {
        return values.keySet().stream().filter(key -> !known.contains(key)).toList();
    }

    private static TrainerFailure invalid(String message) {
        return new TrainerFailure(ExitCode.INVALID_SETTINGS, message);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
