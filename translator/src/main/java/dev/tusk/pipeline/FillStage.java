package dev.tusk.pipeline;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * $fill, as MongoDB defines it: the `method` outputs are a $setWindowFields with $locf / $linearFill
 * of the field (same partitionBy — partitionByFields [f] being {f: "$f"} — and sortBy), then the
 * `value` outputs an $addFields of {$ifNull: ["$field", value]}.
 */
public record FillStage(Optional<SetWindowFieldsStage> methods, Optional<AddFieldsStage> values) implements Stage {

    static FillStage parse(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("The $fill stage specification must be an object, found " + BsonText.typeName(spec));
        }
        BsonDocument d = spec.asDocument();
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            BsonValue v = e.getValue();
            switch (e.getKey()) {
                case "sortBy", "output" -> expect(e.getKey(), v, v.isDocument(), "object");
                case "partitionBy" -> expect("partitionBy", v, v.isDocument() || v.isString(), "[string, object]");
                case "partitionByFields" -> {
                    expect("partitionByFields", v, v.isArray(), "array");
                    for (int i = 0; i < v.asArray().size(); i++) {
                        expect("partitionByFields." + i, v.asArray().get(i), v.asArray().get(i).isString(), "string");
                    }
                }
                default -> throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '$fill.%s' is an unknown field.", e.getKey());
            }
        }
        if (!d.containsKey("output")) {
            throw ErrorCode.LOCATION_40414.error("BSON field '$fill.output' is missing but a required field");
        }
        BsonDocument output = d.getDocument("output");
        if (output.isEmpty()) {
            throw ErrorCode.LOCATION_6050203.error("The output field in '$fill' must contain an object with at least one element");
        }
        BsonDocument windowOutput = new BsonDocument();
        BsonDocument addFields = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : output.entrySet()) {
            addOutput(e.getKey(), e.getValue(), windowOutput, addFields);
        }
        if (d.containsKey("partitionBy") && d.containsKey("partitionByFields")) {
            throw ErrorCode.LOCATION_6050204.error("Maximum one of 'partitionBy' and 'partitionByFields can be specified in '$fill'");
        }
        Optional<SetWindowFieldsStage> methods = Optional.empty();
        if (!windowOutput.isEmpty()) {
            BsonDocument window = new BsonDocument();
            if (d.containsKey("partitionBy")) {
                window.append("partitionBy", d.get("partitionBy"));
            } else if (d.containsKey("partitionByFields")) {
                BsonDocument byFields = new BsonDocument();
                d.getArray("partitionByFields").forEach(f -> byFields.append(f.asString().getValue(),
                        new BsonString("$" + f.asString().getValue())));
                window.append("partitionBy", byFields);
            }
            if (d.containsKey("sortBy")) {
                window.append("sortBy", d.get("sortBy"));
            }
            methods = Optional.of(SetWindowFieldsStage.parse(window.append("output", windowOutput), cx));
        }
        Optional<AddFieldsStage> values = addFields.isEmpty() ? Optional.empty()
                : Optional.of(AddFieldsStage.parse("$addFields", addFields, cx));
        return new FillStage(methods, values);
    }

    private static void expect(String field, BsonValue v, boolean ok, String types) {
        if (!ok) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '$fill.%s' is the wrong type '%s', expected %s '%s'", field,
                    BsonText.typeName(v), types.startsWith("[") ? "types" : "type", types);
        }
    }

    /** One output field: {method: "locf" | "linear"} into the window's outputs, {value: expr} into the $addFields. */
    private static void addOutput(String field, BsonValue spec, BsonDocument windowOutput, BsonDocument addFields) {
        if (!spec.isDocument()) {
            throw ErrorCode.LOCATION_6050200.error("Each fill output specification must be an object with exactly one field");
        }
        BsonDocument d = spec.asDocument();
        for (String key : d.keySet()) {
            if (!key.equals("method") && !key.equals("value")) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '$fill.%s' is an unknown field.", key);
            }
        }
        BsonValue method = d.get("method");
        if (method != null) {
            expect("method", method, method.isString(), "string");
            if (d.containsKey("value")) {
                throw ErrorCode.LOCATION_6050201.error("Each fill output specification must have exactly one of 'method' or 'value' "
                        + "fields, not both");
            }
            String name = method.asString().getValue();
            if (!name.equals("locf") && !name.equals("linear")) {
                throw ErrorCode.LOCATION_6050202.error("Method must be either locf or linear");
            }
            windowOutput.append(field, new BsonDocument(name.equals("linear") ? "$linearFill" : "$locf", new BsonString("$" + field)));
        }
        if (d.containsKey("value")) {
            addFields.append(field, new BsonDocument("$ifNull", new BsonArray(List.of(new BsonString("$" + field), d.get("value")))));
        }
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        Iterator<BsonDocument> out = methods.isPresent() ? methods.get().apply(input) : input;
        return values.isPresent() ? values.get().apply(out) : out;
    }
}
