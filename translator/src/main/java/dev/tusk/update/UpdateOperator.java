package dev.tusk.update;

import dev.tusk.bson.FieldPath;
import org.bson.BsonValue;

/** An update operator ($set, $inc, ...): parses its argument for one field, with MongoDB's parse errors. */
@FunctionalInterface
interface UpdateOperator {
    FieldUpdate parse(FieldPath path, BsonValue arg);
}
