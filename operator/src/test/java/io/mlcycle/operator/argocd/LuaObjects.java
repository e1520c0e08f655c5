package io.mlcycle.operator.argocd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kubernetes objects in and out of Lua as Argo CD hands them to its scripts: maps and lists as tables (lists from
 * index 1), numbers, strings and booleans; a table with keys 1..n only reads back as a list.
 */
final class LuaObjects {

    private LuaObjects() {
    }

    static LuaValue lua(JsonNode node) {
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                table.set(field.getKey(), lua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, lua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
    }

    static JsonNode json(LuaValue value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.type() == LuaValue.TTABLE) {
            LuaTable table = value.checktable();
            List<LuaValue> keys = new ArrayList<>();
            for (Varargs next = table.next(LuaValue.NIL); !next.arg1().isnil(); next = table.next(next.arg1())) {
                keys.add(next.arg1());
            }
            boolean list = !keys.isEmpty() && keys.stream().allMatch(LuaValue::isinttype)
                    && keys.size() == table.length();
            if (list) {
                ArrayNode array = nodes.arrayNode();
                for (int i = 1; i <= table.length(); i++) {
                    array.add(json(table.get(i)));
                }
                return array;
            }
            ObjectNode object = nodes.objectNode();
            keys.forEach(k -> object.set(k.tojstring(), json(table.get(k))));
            return object;
        }
        if (value.type() == LuaValue.TBOOLEAN) {
            return nodes.booleanNode(value.toboolean());
        }
        // type(), not isnumber(): Lua reads a string such as "1" as a number too.
        if (value.type() == LuaValue.TNUMBER) {
            double number = value.todouble();
            // Whole numbers as YAML reads them (ints where they fit), so trees compare equal.
            if (number == Math.rint(number) && Math.abs(number) <= Integer.MAX_VALUE) {
                return nodes.numberNode((int) number);
            }
            return number == Math.rint(number) ? nodes.numberNode((long) number) : nodes.numberNode(number);
        }
        return value.isnil() ? nodes.nullNode() : nodes.textNode(value.tojstring());
    }
}
