package dev.tusk.query;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.util.ULocale;
import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A command's {@code collation}: how strings compare. "simple" (or none) is binary order; any
 * other locale compares with ICU, as MongoDB does (strength, caseLevel, caseFirst, numericOrdering,
 * alternate, maxVariable, backwards, normalization). Only strings and symbols are collated; field
 * names and every other type compare as always.
 */
public final class Collation {
    public static final Collation SIMPLE = new Collation(null, BsonOrder::compareStrings);
    private static final Set<String> FIELDS = Set.of("locale", "strength", "caseLevel", "caseFirst", "numericOrdering",
            "alternate", "maxVariable", "backwards", "normalization", "version");
    private static final ConcurrentHashMap<BsonDocument, Collation> PARSED = new ConcurrentHashMap<>();

    private final BsonDocument spec;
    private final Comparator<String> strings;

    private Collation(BsonDocument spec, Comparator<String> strings) {
        this.spec = spec;
        this.strings = strings;
    }

    public boolean isSimple() {
        return spec == null;
    }

    /** How this collation orders two strings. */
    public Comparator<String> strings() {
        return strings;
    }

    /** BSON order with strings compared by this collation. */
    public int compare(BsonValue a, BsonValue b) {
        return isSimple() ? BsonOrder.compare(a, b) : BsonOrder.compare(a, b, strings);
    }

    /**
     * The collation with every field MongoDB stores for it (listCollections shows a view's default
     * collation so): the given fields, and the defaults of the others. Empty for simple.
     */
    public Optional<BsonDocument> fullSpec() {
        if (spec == null) {
            return Optional.empty();
        }
        return Optional.of(new BsonDocument("locale", spec.get("locale"))
                .append("caseLevel", org.bson.BsonBoolean.valueOf(bool(spec, "caseLevel", false)))
                .append("caseFirst", new org.bson.BsonString(string(spec, "caseFirst", "off")))
                .append("strength", new org.bson.BsonInt32(integer(spec, "strength", 3)))
                .append("numericOrdering", org.bson.BsonBoolean.valueOf(bool(spec, "numericOrdering", false)))
                .append("alternate", new org.bson.BsonString(string(spec, "alternate", "non-ignorable")))
                .append("maxVariable", new org.bson.BsonString(string(spec, "maxVariable", "punct")))
                .append("normalization", org.bson.BsonBoolean.valueOf(bool(spec, "normalization", false)))
                .append("backwards", org.bson.BsonBoolean.valueOf(bool(spec, "backwards", false)))
                .append("version", new org.bson.BsonString("57.1")));
    }

    /** True if the two order strings the same way (same full specification). */
    public boolean sameAs(Collation other) {
        return fullSpec().equals(other.fullSpec());
    }

    /** The collation document as given, for explain and errors. */
    public Optional<BsonDocument> spec() {
        return Optional.ofNullable(spec).map(BsonDocument::clone);
    }

    /** Parses a command's {@code collation} argument; absent or {@code {locale: "simple"}} is {@link #SIMPLE}. */
    public static Collation parse(Optional<BsonValue> collation, String field) {
        if (collation.isEmpty()) {
            return SIMPLE;
        }
        BsonValue c = collation.get();
        if (!c.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s' is the wrong type '%s', expected type 'object'",
                    field, BsonText.typeName(c));
        }
        BsonDocument d = c.asDocument();
        for (String name : d.keySet()) {
            if (!FIELDS.contains(name)) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '%s.%s' is an unknown field.", field, name);
            }
        }
        BsonValue locale = d.get("locale");
        if (locale == null) {
            throw ErrorCode.LOCATION_40414.error("BSON field 'locale' is missing but a required field");
        }
        if (!locale.isString()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'locale' is the wrong type '%s', expected type 'string'",
                    BsonText.typeName(locale));
        }
        if (locale.asString().getValue().equals("simple")) {
            if (d.size() > 1) {
                throw ErrorCode.BAD_VALUE.error("If locale=simple, no other fields should be specified: %s", d.toJson());
            }
            return SIMPLE;
        }
        return PARSED.computeIfAbsent(d.clone(), Collation::icu);
    }

    private static Collation icu(BsonDocument d) {
        String locale = d.getString("locale").getValue();
        ULocale uLocale = new ULocale(locale);
        if (!supported(uLocale)) {
            throw ErrorCode.BAD_VALUE.error("Field 'locale' is invalid in: %s", d.toJson());
        }
        RuleBasedCollator collator = (RuleBasedCollator) Collator.getInstance(uLocale);
        int strength = integer(d, "strength", 3);
        collator.setStrength(switch (strength) {
            case 1 -> Collator.PRIMARY;
            case 2 -> Collator.SECONDARY;
            case 3 -> Collator.TERTIARY;
            case 4 -> Collator.QUATERNARY;
            case 5 -> Collator.IDENTICAL;
            default -> throw ErrorCode.BAD_VALUE.error("Field 'strength' must be an integer 1 through 5. Got: %d", strength);
        });
        collator.setCaseLevel(bool(d, "caseLevel", false));
        switch (string(d, "caseFirst", "off")) {
            case "upper" -> collator.setUpperCaseFirst(true);
            case "lower" -> collator.setLowerCaseFirst(true);
            case "off" -> collator.setCaseFirstDefault();
            default -> throw ErrorCode.BAD_VALUE.error("Field 'caseFirst' must be 'upper', 'lower', or 'off'. Got: %s",
                    string(d, "caseFirst", ""));
        }
        collator.setNumericCollation(bool(d, "numericOrdering", false));
        switch (string(d, "alternate", "non-ignorable")) {
            case "non-ignorable" -> collator.setAlternateHandlingShifted(false);
            case "shifted" -> collator.setAlternateHandlingShifted(true);
            default -> throw ErrorCode.BAD_VALUE.error("Field 'alternate' must be 'non-ignorable' or 'shifted'. Got: %s",
                    string(d, "alternate", ""));
        }
        switch (string(d, "maxVariable", "punct")) {
            case "punct" -> collator.setMaxVariable(Collator.ReorderCodes.PUNCTUATION);
            case "space" -> collator.setMaxVariable(Collator.ReorderCodes.SPACE);
            default -> throw ErrorCode.BAD_VALUE.error("Field 'maxVariable' must be 'punct' or 'space'. Got: %s",
                    string(d, "maxVariable", ""));
        }
        collator.setFrenchCollation(bool(d, "backwards", false));
        collator.setDecomposition(bool(d, "normalization", false) ? Collator.CANONICAL_DECOMPOSITION : Collator.NO_DECOMPOSITION);
        Collator frozen = collator.freeze(); // thread-safe from here on
        return new Collation(d, frozen::compare);
    }

    private static boolean supported(ULocale locale) {
        if (locale.getLanguage().isEmpty()) {
            return false;
        }
        for (ULocale available : Collator.getAvailableULocales()) {
            if (available.getLanguage().equals(locale.getLanguage())) {
                return true;
            }
        }
        return false;
    }

    private static int integer(BsonDocument d, String name, int absent) {
        BsonValue v = d.get(name);
        if (v == null) {
            return absent;
        }
        if (!v.isNumber()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'collation.%s' is the wrong type '%s', expected types '[long, int, decimal, double]'",
                    name, BsonText.typeName(v));
        }
        return v.asNumber().intValue();
    }

    private static boolean bool(BsonDocument d, String name, boolean absent) {
        BsonValue v = d.get(name);
        if (v == null) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'collation.%s' is the wrong type '%s', expected type 'bool'",
                    name, BsonText.typeName(v));
        }
        return v.asBoolean().getValue();
    }

    private static String string(BsonDocument d, String name, String absent) {
        BsonValue v = d.get(name);
        if (v == null) {
            return absent;
        }
        if (!v.isString()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'collation.%s' is the wrong type '%s', expected type 'string'",
                    name, BsonText.typeName(v));
        }
        return v.asString().getValue();
    }
}
