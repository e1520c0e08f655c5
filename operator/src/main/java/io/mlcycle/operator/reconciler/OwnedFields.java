package io.mlcycle.operator.reconciler;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.regex.Pattern;

/**
 * Whether a live object still holds every field the operator applies, with the values it applies. The API server adds
 * defaults and other controllers add fields of their own (the HPA's replicas, status): those are not the operator's,
 * so they never count as a difference, and a reconcile with nothing to change writes nothing.
 */
final class OwnedFields {

    private static final Pattern QUANTITY = Pattern.compile("[+-]?[0-9.]+([eE][+-]?[0-9]+|[kMGTPE]i?|[munk])?");

    private OwnedFields() {
    }

    /** {@code desired} is contained in {@code actual}: objects field by field, arrays element by element. */
    static boolean contained(JsonNode desired, JsonNode actual) {
        if (desired == null || desired.isNull()) {
            return true;
        }
        if (actual == null || actual.isNull()) {
            return desired.isContainerNode() && desired.isEmpty();
        }
        if (desired.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = desired.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!contained(field.getValue(), actual.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (!actual.isArray() || actual.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!contained(desired.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isNumber() && actual.isNumber()) {
            return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (desired.isTextual() && actual.isTextual() && !desired.asText().equals(actual.asText())) {
            return sameQuantity(desired.asText(), actual.asText());
        }
        return desired.asText().equals(actual.asText()) && desired.getNodeType() == actual.getNodeType();
    }

    /** The API server writes quantities in canonical form: 1000m comes back as 1, 1024Mi as 1Gi. */
    private static boolean sameQuantity(String desired, String actual) {
        if (!QUANTITY.matcher(desired).matches() || !QUANTITY.matcher(actual).matches()) {
            return false;
        }
        return Quantity.getAmountInBytes(new Quantity(desired)).compareTo(Quantity.getAmountInBytes(new Quantity(actual))) == 0;
    }
}
