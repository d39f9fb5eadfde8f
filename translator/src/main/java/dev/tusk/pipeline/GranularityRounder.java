package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.EvalContext;
import java.math.BigDecimal;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * $bucketAuto's granularity: rounds a non-negative number up to the next (strictly greater) or down
 * to the previous (strictly smaller) number of a preferred-number series or of the powers of two;
 * 0 rounds to itself. Series values come out as doubles (decimals stay decimal), powers of two as
 * {@code $pow: [2, exponent]} gives them (integers where they fit).
 */
sealed interface GranularityRounder {
    BsonValue roundUp(BsonValue value);

    BsonValue roundDown(BsonValue value);

    /** The named rounder, or 40257. */
    static GranularityRounder named(String name) {
        if (name.equals("POWERSOF2")) {
            return new PowersOfTwo();
        }
        double[] series = SERIES.get(name);
        if (series == null) {
            throw ErrorCode.LOCATION_40257.error("Unknown rounding granularity '%s'", name);
        }
        return new PreferredNumbers(series);
    }

    /** Each series over one decade, scaled so its first value is at least 10 (as MongoDB keeps them). */
    Map<String, double[]> SERIES = Map.ofEntries(
            Map.entry("R5", new double[] {10, 16, 25, 40, 63}),
            Map.entry("R10", new double[] {100, 125, 160, 200, 250, 315, 400, 500, 630, 800}),
            Map.entry("R20", new double[] {100, 112, 125, 140, 160, 180, 200, 224, 250, 280, 315, 355, 400, 450, 500, 560,
                    630, 710, 800, 900}),
            Map.entry("R40", new double[] {100, 106, 112, 118, 125, 132, 140, 150, 160, 170, 180, 190, 200, 212, 224, 236,
                    250, 265, 280, 300, 315, 355, 375, 400, 425, 450, 475, 500, 530, 560, 600, 630, 670, 710, 750, 800, 850,
                    900, 950}),
            Map.entry("R80", new double[] {103, 109, 115, 122, 128, 136, 145, 155, 165, 175, 185, 195, 206, 218, 230, 243,
                    258, 272, 290, 307, 325, 345, 365, 387, 412, 437, 462, 487, 515, 545, 575, 615, 650, 690, 730, 775, 825,
                    875, 925, 975}),
            Map.entry("1-2-5", new double[] {10, 20, 50}),
            Map.entry("E6", new double[] {10, 15, 22, 33, 47, 68}),
            Map.entry("E12", new double[] {10, 12, 15, 18, 22, 27, 33, 39, 47, 56, 68, 82}),
            Map.entry("E24", new double[] {10, 11, 12, 13, 15, 16, 18, 20, 22, 24, 27, 30, 33, 36, 39, 43, 47, 51, 56, 62, 68,
                    75, 82, 91}),
            Map.entry("E48", new double[] {100, 105, 110, 115, 121, 127, 133, 140, 147, 154, 162, 169, 178, 187, 196, 205, 215,
                    226, 237, 249, 261, 274, 287, 301, 316, 332, 348, 365, 383, 402, 422, 442, 464, 487, 511, 536, 562, 590,
                    619, 649, 681, 715, 750, 787, 825, 866, 909, 953}),
            Map.entry("E96", new double[] {100, 102, 105, 107, 110, 113, 115, 118, 121, 124, 127, 130, 133, 137, 140, 143, 147,
                    150, 154, 158, 162, 165, 169, 174, 178, 182, 187, 191, 196, 200, 205, 210, 215, 221, 226, 232, 237, 243,
                    249, 255, 261, 267, 274, 280, 287, 294, 301, 309, 316, 324, 332, 340, 348, 357, 365, 374, 383, 392, 402,
                    412, 422, 432, 442, 453, 464, 475, 487, 499, 511, 523, 536, 549, 562, 576, 590, 604, 619, 634, 649, 665,
                    681, 698, 715, 732, 750, 768, 787, 806, 825, 845, 866, 887, 909, 931, 953, 976}),
            Map.entry("E192", new double[] {100, 101, 102, 104, 105, 106, 107, 109, 110, 111, 113, 114, 115, 117, 118, 120, 121,
                    123, 124, 126, 127, 129, 130, 132, 133, 135, 137, 138, 140, 142, 143, 145, 147, 149, 150, 152, 154, 156,
                    158, 160, 162, 164, 165, 167, 169, 172, 174, 176, 178, 180, 182, 184, 187, 189, 191, 193, 196, 198, 200,
                    203, 205, 208, 210, 213, 215, 218, 221, 223, 226, 229, 232, 234, 237, 240, 243, 246, 249, 252, 255, 258,
                    261, 264, 267, 271, 274, 277, 280, 284, 287, 291, 294, 298, 301, 305, 309, 312, 316, 320, 324, 328, 332,
                    336, 340, 344, 348, 352, 357, 361, 365, 370, 374, 379, 383, 388, 392, 397, 402, 407, 412, 417, 422, 427,
                    432, 437, 442, 448, 453, 459, 464, 470, 475, 481, 487, 493, 499, 505, 511, 517, 523, 530, 536, 542, 549,
                    556, 562, 569, 576, 583, 590, 597, 604, 612, 619, 626, 634, 642, 649, 657, 665, 673, 681, 690, 698, 706,
                    715, 723, 732, 741, 750, 759, 768, 777, 787, 796, 806, 816, 825, 835, 845, 856, 866, 876, 887, 898, 909,
                    920, 931, 942, 953, 965, 976, 988}));

    /**
     * A preferred-number series repeated over every power of ten. Doubles are scaled by repeated
     * multiplication and division by 10, as MongoDB does, so boundaries are the same doubles.
     */
    record PreferredNumbers(double[] series) implements GranularityRounder {
        @Override
        public BsonValue roundUp(BsonValue value) {
            if (isZero(value)) {
                return value;
            }
            if (value.isDecimal128()) {
                return decimal(roundUp(value.asDecimal128().decimal128Value().bigDecimalValue()));
            }
            double n = value.asNumber().doubleValue();
            double scale = 1;
            while (n >= series[series.length - 1] * scale) {
                scale *= 10;
            }
            while (n < series[0] * scale) {
                double previousFirst = series[0] * scale;
                scale /= 10;
                if (n >= series[series.length - 1] * scale) {
                    return new BsonDouble(previousFirst); // between two decades: the next decade's first value
                }
            }
            for (double s : series) {
                if (n < s * scale) {
                    return new BsonDouble(s * scale);
                }
            }
            throw new IllegalStateException("unreachable: scaled into the series' decade");
        }

        @Override
        public BsonValue roundDown(BsonValue value) {
            if (isZero(value)) {
                return value;
            }
            if (value.isDecimal128()) {
                return decimal(roundDown(value.asDecimal128().decimal128Value().bigDecimalValue()));
            }
            double n = value.asNumber().doubleValue();
            double scale = 1;
            while (n <= series[0] * scale) {
                scale /= 10;
            }
            while (n > series[series.length - 1] * scale) {
                double previousLast = series[series.length - 1] * scale;
                scale *= 10;
                if (n <= series[0] * scale) {
                    return new BsonDouble(previousLast);
                }
            }
            for (int i = series.length - 1; i >= 0; i--) {
                if (series[i] * scale < n) {
                    return new BsonDouble(series[i] * scale);
                }
            }
            throw new IllegalStateException("unreachable: scaled into the series' decade");
        }

        private BigDecimal roundUp(BigDecimal n) {
            int power = 0;
            while (n.compareTo(at(series.length - 1, power)) >= 0) {
                power++;
            }
            while (n.compareTo(at(0, power)) < 0) {
                BigDecimal previousFirst = at(0, power);
                power--;
                if (n.compareTo(at(series.length - 1, power)) >= 0) {
                    return previousFirst;
                }
            }
            for (int i = 0; i < series.length; i++) {
                if (n.compareTo(at(i, power)) < 0) {
                    return at(i, power);
                }
            }
            throw new IllegalStateException("unreachable: scaled into the series' decade");
        }

        private BigDecimal roundDown(BigDecimal n) {
            int power = 0;
            while (n.compareTo(at(0, power)) <= 0) {
                power--;
            }
            while (n.compareTo(at(series.length - 1, power)) > 0) {
                BigDecimal previousLast = at(series.length - 1, power);
                power++;
                if (n.compareTo(at(0, power)) <= 0) {
                    return previousLast;
                }
            }
            for (int i = series.length - 1; i >= 0; i--) {
                if (at(i, power).compareTo(n) < 0) {
                    return at(i, power);
                }
            }
            throw new IllegalStateException("unreachable: scaled into the series' decade");
        }

        private BigDecimal at(int i, int power) {
            return BigDecimal.valueOf((long) series[i]).scaleByPowerOfTen(power);
        }
    }

    /** Powers of two: 2 to the exponent above (or below) the value's base-2 logarithm. */
    record PowersOfTwo() implements GranularityRounder {
        @Override
        public BsonValue roundUp(BsonValue value) {
            if (isZero(value)) {
                return value;
            }
            return switch (value) {
                case BsonDouble d -> pow(new BsonInt32(floorLog2(d.getValue()) + 1));
                case BsonDecimal128 d -> pow(decimal(BigDecimal.valueOf(floorLog2(d.doubleValue()) + 1)));
                default -> pow(new BsonInt32(64 - Long.numberOfLeadingZeros(value.asNumber().longValue())));
            };
        }

        @Override
        public BsonValue roundDown(BsonValue value) {
            if (isZero(value)) {
                return value;
            }
            return switch (value) {
                case BsonDouble d -> pow(new BsonInt32(ceilLog2(d.getValue()) - 1));
                case BsonDecimal128 d -> pow(decimal(BigDecimal.valueOf(ceilLog2(d.doubleValue()) - 1)));
                default -> {
                    long n = value.asNumber().longValue();
                    int highest = 63 - Long.numberOfLeadingZeros(n);
                    yield pow(new BsonInt32(Long.bitCount(n) == 1 ? highest - 1 : highest));
                }
            };
        }

        private static int floorLog2(double d) {
            return Math.getExponent(d);
        }

        private static int ceilLog2(double d) {
            int e = Math.getExponent(d);
            return d == Math.scalb(1.0, e) ? e : e + 1;
        }

        /** 2 to the exponent with $pow's result types. */
        private static BsonValue pow(BsonValue exponent) {
            BsonDocument call = new BsonDocument("$pow", new BsonArray(java.util.List.of(new BsonInt32(2), exponent)));
            return ExprParser.parse(call).evaluate(EvalContext.of(new BsonDocument()));
        }
    }

    private static boolean isZero(BsonValue v) {
        return v.asNumber().doubleValue() == 0;
    }

    private static BsonDecimal128 decimal(BigDecimal b) {
        return new BsonDecimal128(new Decimal128(b));
    }
}
