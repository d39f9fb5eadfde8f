package dev.tusk.bson;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The exact decimal value of a finite, non-zero double as {@code ±digits × 10^-scale}, digits without
 * leading or trailing zeros. Equal to {@code new BigDecimal(d).stripTrailingZeros()}, but computed in
 * base 10^9 limbs: BigInteger's decimal conversion (a division per digit group) was most of the time
 * spent writing a document's query form and index keys.
 *
 * <p>A double is m·2^e with m odd. For e < 0 it is m·5^-e / 10^-e, and m·5^-e ends in 5, so its
 * digits have no trailing zero and the scale is -e. For e ≥ 0 it is the integer m·2^e.
 */
public record DoubleDigits(boolean negative, String digits, int scale) {
    private static final int BASE = 1_000_000_000;
    private static final int FIVE_POW_13 = 1_220_703_125;

    public static DoubleDigits of(double d) {
        if (d == 0 || !Double.isFinite(d)) {
            throw new IllegalArgumentException("not a finite non-zero double: " + d);
        }
        long bits = Double.doubleToRawLongBits(d);
        int biased = (int) ((bits >>> 52) & 0x7FF);
        long m = bits & 0xF_FFFF_FFFF_FFFFL;
        int e;
        if (biased == 0) {
            e = -1074; // subnormal
        } else {
            m |= 1L << 52;
            e = biased - 1075;
        }
        int zeros = Long.numberOfTrailingZeros(m);
        m >>>= zeros;
        e += zeros;
        boolean negative = bits < 0;
        if (e >= 0) {
            if (e <= 10) { // m < 2^53, so m·2^e < 2^63
                return integer(negative, Long.toString(m << e));
            }
            Limbs n = new Limbs(m);
            for (int left = e; left > 0; left -= 29) {
                n.multiply(1 << Math.min(29, left));
            }
            return integer(negative, n.toString());
        }
        int k = -e;
        Limbs n = new Limbs(m);
        int left = k;
        for (; left >= 13; left -= 13) {
            n.multiply(FIVE_POW_13);
        }
        int rest = 1;
        for (; left > 0; left--) {
            rest *= 5;
        }
        n.multiply(rest);
        return new DoubleDigits(negative, n.toString(), k);
    }

    private static DoubleDigits integer(boolean negative, String text) {
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        return new DoubleDigits(negative, text.substring(0, end), end - text.length());
    }

    public BigDecimal toBigDecimal() {
        BigInteger unscaled = new BigInteger(digits);
        return new BigDecimal(negative ? unscaled.negate() : unscaled, scale);
    }

    /** A non-negative integer in base 10^9, least significant limb first. */
    private static final class Limbs {
        private int[] limbs = new int[8];
        private int size;

        Limbs(long value) {
            while (value > 0) {
                limbs[size++] = (int) (value % BASE);
                value /= BASE;
            }
        }

        /** Multiplies by a factor below 2^31 (a limb times it stays below 2^61). */
        void multiply(int factor) {
            long carry = 0;
            for (int i = 0; i < size; i++) {
                long t = (long) limbs[i] * factor + carry;
                limbs[i] = (int) (t % BASE);
                carry = t / BASE;
            }
            while (carry > 0) {
                if (size == limbs.length) {
                    limbs = java.util.Arrays.copyOf(limbs, size * 2);
                }
                limbs[size++] = (int) (carry % BASE);
                carry /= BASE;
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(size * 9);
            sb.append(limbs[size - 1]);
            for (int i = size - 2; i >= 0; i--) {
                String limb = Integer.toString(limbs[i]);
                for (int pad = limb.length(); pad < 9; pad++) {
                    sb.append('0');
                }
                sb.append(limb);
            }
            return sb.toString();
        }
    }
}
