package dev.tusk.bson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DoubleDigitsTest {

    private static void check(double d) {
        BigDecimal expected = new BigDecimal(d).stripTrailingZeros();
        DoubleDigits digits = DoubleDigits.of(d);
        assertEquals(expected.unscaledValue().abs().toString(), digits.digits(), () -> "digits of " + d);
        assertEquals(expected.scale(), digits.scale(), () -> "scale of " + d);
        assertEquals(expected.signum() < 0, digits.negative(), () -> "sign of " + d);
        assertEquals(expected, digits.toBigDecimal());
    }

    @Test
    void edgeValues() {
        double[] values = {1, -1, 0.5, 0.1, 2.5, 91.26901636790798, 1e-7, 100, 1e22, 1e23, -1e300, 0x1p62, 0x1p63, 0x1p64,
            9007199254740993.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-1022 * 3,
            1024, 1025, 0x1.fffffffffffffp10, 0x1.fffffffffffffp11, 123456789012345678.0, Math.PI, -Math.E, 1.0 / 3};
        for (double d : values) {
            check(d);
        }
    }

    @Test
    void randomBitPatternsMatchBigDecimal() {
        SplittableRandom random = new SplittableRandom(20261206);
        int checked = 0;
        while (checked < 20_000) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (d != 0 && Double.isFinite(d)) {
                check(d);
                checked++;
            }
        }
    }

    @Test
    void everyBinaryExponentMatchesBigDecimal() {
        SplittableRandom random = new SplittableRandom(7);
        for (int exponent = -1074; exponent <= 1023; exponent++) {
            check(Math.scalb(1.0, exponent));
            check(-Math.scalb(1.0 + random.nextInt(1 << 20) / (double) (1 << 20), Math.max(exponent, -1022)));
        }
    }

    @Test
    void refusesZeroAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> DoubleDigits.of(0));
        assertThrows(IllegalArgumentException.class, () -> DoubleDigits.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> DoubleDigits.of(Double.POSITIVE_INFINITY));
    }
}
