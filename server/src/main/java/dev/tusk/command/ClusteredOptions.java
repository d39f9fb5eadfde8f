package dev.tusk.command;

import dev.tusk.bson.BsonText;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.error.ErrorCode;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * create's {@code clusteredIndex}: a collection whose documents are stored in `_id` order, which every
 * Tusk collection is (its table's primary key is the `_id` key). Checked as MongoDB 7.0 checks it and
 * kept in the options as listCollections shows it ({@code {v: 2, key: {_id: 1}, name, unique: true}});
 * listIndexes then shows that index, marked {@code clustered: true}, in place of `_id_`.
 */
final class ClusteredOptions {
    private static final Set<String> FIELDS = Set.of("key", "unique", "name", "v");

    private ClusteredOptions() {}

    /** The options with the clustered index added, when create asks for one. */
    static BsonDocument from(CommandArgs args, BsonDocument options) {
        Optional<BsonValue> value = args.value("clusteredIndex");
        if (value.isEmpty() || value.get().isBoolean() && !value.get().asBoolean().getValue()) {
            return options;
        }
        if (!value.get().isDocument()) { // `true` is the legacy form MongoDB reserves for time-series buckets
            throw ErrorCode.NOT_IMPLEMENTED.error("create option 'clusteredIndex: %s' is not supported by Tusk yet",
                    value.get().isBoolean() ? "true" : BsonText.typeName(value.get()));
        }
        BsonDocument spec = value.get().asDocument();
        for (String field : spec.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field 'create.clusteredIndex.%s' is an unknown field.", field);
            }
        }
        BsonValue key = spec.get("key");
        if (key == null || spec.get("unique") == null) {
            throw ErrorCode.LOCATION_40414.error("BSON field 'create.clusteredIndex.%s' is missing but a required field",
                    key == null ? "key" : "unique");
        }
        if (!key.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'create.clusteredIndex.key' is the wrong type '%s', expected type 'object'",
                    BsonText.typeName(key));
        }
        BsonValue unique = spec.get("unique");
        if (!unique.isBoolean()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'create.clusteredIndex.unique' is the wrong type '%s', expected type 'bool'",
                    BsonText.typeName(unique));
        }
        if (!unique.asBoolean().getValue()) {
            throw ErrorCode.LOCATION_5979700.error("The clusteredIndex option requires unique: true to be specified");
        }
        if (!idOnly(key.asDocument())) {
            throw ErrorCode.INVALID_INDEX_SPECIFICATION_OPTION.error("The clusteredIndex option is only supported for key: {_id: 1}");
        }
        BsonValue name = spec.get("name");
        if (name != null && !name.isString()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'create.clusteredIndex.name' is the wrong type '%s', expected type 'string'",
                    BsonText.typeName(name));
        }
        BsonValue v = spec.get("v");
        if (v != null && !(v.isNumber() && v.asNumber().doubleValue() == 2)) {
            throw ErrorCode.LOCATION_5979704.error("Invalid clusteredIndex specification %s; cannot create a clusteredIndex with v=%s",
                    spec.toJson(), v.isNumber() ? String.valueOf(v.asNumber().intValue()) : BsonText.typeName(v));
        }
        if (options.containsKey("capped")) {
            throw ErrorCode.INVALID_OPTIONS.error("Clustered collections cannot be capped");
        }
        BsonDocument out = options.clone();
        out.append("clusteredIndex", new BsonDocument("v", new BsonInt32(2))
                .append("key", new BsonDocument("_id", new BsonInt32(1)))
                .append("name", new BsonString(name == null ? "_id_" : name.asString().getValue()))
                .append("unique", BsonBoolean.TRUE));
        return out;
    }

    /** {@code {_id: 1}} (the number 1 of any type), the only key MongoDB clusters replicated collections by. */
    private static boolean idOnly(BsonDocument key) {
        BsonValue v = key.get("_id");
        return key.size() == 1 && v != null && v.isNumber() && v.asNumber().doubleValue() == 1;
    }
}
