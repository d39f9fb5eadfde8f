package dev.tusk.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The operator table against the expression operators listed in MongoDB 7.0's manual. */
class ExprOperatorsTest {
    /** Aggregation expression operators of the 7.0 manual (accumulator-only and window-only ones excluded). */
    private static final Set<String> MANUAL_7_0 = Set.of(
            "$abs", "$add", "$ceil", "$divide", "$exp", "$floor", "$ln", "$log", "$log10", "$mod", "$multiply", "$pow",
            "$round", "$sqrt", "$subtract", "$trunc",
            "$arrayElemAt", "$arrayToObject", "$concatArrays", "$filter", "$first", "$firstN", "$in", "$indexOfArray",
            "$isArray", "$last", "$lastN", "$map", "$maxN", "$minN", "$objectToArray", "$range", "$reduce", "$reverseArray",
            "$size", "$slice", "$sortArray", "$zip",
            "$bitAnd", "$bitNot", "$bitOr", "$bitXor",
            "$and", "$not", "$or",
            "$cmp", "$eq", "$gt", "$gte", "$lt", "$lte", "$ne",
            "$cond", "$ifNull", "$switch",
            "$accumulator", "$function",
            "$binarySize", "$bsonSize",
            "$dateAdd", "$dateDiff", "$dateFromParts", "$dateFromString", "$dateSubtract", "$dateToParts", "$dateToString",
            "$dateTrunc", "$dayOfMonth", "$dayOfWeek", "$dayOfYear", "$hour", "$isoDayOfWeek", "$isoWeek", "$isoWeekYear",
            "$millisecond", "$minute", "$month", "$second", "$toDate", "$week", "$year",
            "$literal",
            "$getField", "$rand", "$sampleRate", "$toHashedIndexKey",
            "$mergeObjects", "$setField", "$unsetField",
            "$allElementsTrue", "$anyElementTrue", "$setDifference", "$setEquals", "$setIntersection", "$setIsSubset", "$setUnion",
            "$concat", "$indexOfBytes", "$indexOfCP", "$ltrim", "$regexFind", "$regexFindAll", "$regexMatch", "$replaceOne",
            "$replaceAll", "$rtrim", "$split", "$strLenBytes", "$strLenCP", "$strcasecmp", "$substr", "$substrBytes", "$substrCP",
            "$toLower", "$toString", "$trim", "$toUpper",
            "$meta",
            "$tsIncrement", "$tsSecond",
            "$sin", "$cos", "$tan", "$asin", "$acos", "$atan", "$atan2", "$asinh", "$acosh", "$atanh", "$sinh", "$cosh", "$tanh",
            "$degreesToRadians", "$radiansToDegrees",
            "$convert", "$isNumber", "$toBool", "$toDecimal", "$toDouble", "$toInt", "$toLong", "$toObjectId", "$type",
            "$avg", "$max", "$min", "$stdDevPop", "$stdDevSamp", "$sum", "$median", "$percentile",
            "$let");

    @Test
    void everyManualOperatorIsImplementedOrKnown() {
        Set<String> missing = new TreeSet<>(MANUAL_7_0);
        missing.removeAll(ExprOperators.names());
        missing.removeAll(ExprOperators.notImplemented());
        assertEquals(Set.of(), missing);
    }

    @Test
    void tableHasNothingOutsideTheManual() {
        Set<String> extra = new TreeSet<>(ExprOperators.names());
        extra.removeAll(MANUAL_7_0);
        assertEquals(Set.of(), extra);
        assertTrue(ExprOperators.names().stream().noneMatch(ExprOperators.notImplemented()::contains));
    }
}
