package dev.tusk.update;

import dev.tusk.error.ErrorCode;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The update operators of MongoDB 7.0, one alphabetical line each; known but unimplemented ones answer 238. */
final class UpdateOperators {
    private static final Map<String, UpdateOperator> TABLE = table(
            Map.entry("$addToSet", ArrayOperators::addToSet),
            Map.entry("$bit", BitOperator::bit),
            Map.entry("$currentDate", FieldOperators::currentDate),
            Map.entry("$inc", ArithmeticOperators::inc),
            Map.entry("$max", FieldOperators::max),
            Map.entry("$min", FieldOperators::min),
            Map.entry("$mul", ArithmeticOperators::mul),
            Map.entry("$pop", ArrayOperators::pop),
            Map.entry("$pull", ArrayOperators::pull),
            Map.entry("$pullAll", ArrayOperators::pullAll),
            Map.entry("$push", ArrayOperators::push),
            Map.entry("$rename", FieldOperators::rename),
            Map.entry("$set", FieldOperators::set),
            Map.entry("$setOnInsert", FieldOperators::setOnInsert),
            Map.entry("$unset", FieldOperators::unset));

    static final Set<String> NOT_IMPLEMENTED = Set.of();

    private UpdateOperators() {}

    static Set<String> names() {
        return TABLE.keySet();
    }

    static UpdateOperator get(String name) {
        UpdateOperator op = TABLE.get(name);
        if (op != null) {
            return op;
        }
        if (NOT_IMPLEMENTED.contains(name)) {
            throw ErrorCode.NOT_IMPLEMENTED.error("update operator " + name + " is not implemented yet");
        }
        throw ErrorCode.FAILED_TO_PARSE.error("Unknown modifier: " + name
                + ". Expected a valid update modifier or pipeline-style update specified as an array");
    }

    @SafeVarargs
    private static Map<String, UpdateOperator> table(Map.Entry<String, UpdateOperator>... rows) {
        TreeMap<String, UpdateOperator> map = new TreeMap<>();
        String previous = "";
        for (Map.Entry<String, UpdateOperator> row : rows) {
            if (row.getKey().compareTo(previous) <= 0) {
                throw new IllegalStateException("update operator table not alphabetical at " + row.getKey());
            }
            previous = row.getKey();
            map.put(row.getKey(), row.getValue());
        }
        return Collections.unmodifiableMap(map);
    }
}
