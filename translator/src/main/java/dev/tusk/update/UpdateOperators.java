package dev.tusk.update;

import dev.tusk.error.ErrorCode;
import dev.tusk.query.AlphabeticalTable;
import java.util.Map;
import java.util.Set;

/** The update operators of MongoDB 7.0, one alphabetical line each; known but unimplemented ones answer 238. */
final class UpdateOperators {
    private static final Map<String, UpdateOperator> TABLE = AlphabeticalTable.of("update operator",
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

}
