package dev.tusk.text;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import java.util.ArrayList;
import java.util.List;

/**
 * MongoDB's text tokenizer (text index version 3): a token is a maximal run of characters that are
 * not delimiters (Unicode White_Space, Dash, Hyphen, Quotation_Mark, Terminal_Punctuation,
 * Pattern_Syntax and Sentence_Terminal characters; in English the apostrophe is part of words).
 * Each token is lower-cased to test it against the stop words, stemmed (in its original case when
 * the search is case sensitive), then stripped of diacritics unless the search is diacritic sensitive.
 */
public final class TextTokenizer {
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

    /** How tokens become terms. */
    public record Mode(boolean filterStopWords, boolean caseSensitive, boolean diacriticSensitive) {
        /** What index keys are made with: stop words dropped, lower case, no diacritics. */
        public static final Mode INDEX = new Mode(true, false, false);
    }

    private TextTokenizer() {}

    /** The terms of {@code raw} in order, repeated as often as they occur. */
    public static List<String> terms(String raw, TextLanguage language, Mode mode) {
        List<String> out = new ArrayList<>();
        for (String token : tokens(raw, language)) {
            String lower = lower(token, language);
            if (mode.filterStopWords() && language.isStopWord(lower)) {
                continue;
            }
            String term = language.stem(mode.caseSensitive() ? token : lower);
            out.add(mode.diacriticSensitive() ? term : stripDiacritics(term));
        }
        return out;
    }

    /** The raw tokens: runs of non-delimiters. */
    static List<String> tokens(String raw, TextLanguage language) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            boolean delimiter = isDelimiter(cp, language.isEnglish());
            if (delimiter && start >= 0) {
                out.add(raw.substring(start, i));
                start = -1;
            } else if (!delimiter && start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(raw.substring(start));
        }
        return out;
    }

    static boolean isDelimiter(int cp, boolean english) {
        if (cp == '\'' && english) {
            return false;
        }
        if (cp < 0x80 && Character.isLetterOrDigit(cp)) {
            return false;
        }
        return UCharacter.hasBinaryProperty(cp, UProperty.WHITE_SPACE)
                || UCharacter.hasBinaryProperty(cp, UProperty.DASH)
                || UCharacter.hasBinaryProperty(cp, UProperty.HYPHEN)
                || UCharacter.hasBinaryProperty(cp, UProperty.QUOTATION_MARK)
                || UCharacter.hasBinaryProperty(cp, UProperty.TERMINAL_PUNCTUATION)
                || UCharacter.hasBinaryProperty(cp, UProperty.PATTERN_SYNTAX)
                || UCharacter.hasBinaryProperty(cp, UProperty.S_TERM);
    }

    /** Per-character lower case (Turkish maps I to dotless ı and İ to i). */
    static String lower(String s, TextLanguage language) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (language.isTurkish() && cp == 'I') {
                out.append('ı');
            } else if (language.isTurkish() && cp == 'İ') {
                out.append('i');
            } else {
                out.appendCodePoint(UCharacter.toLowerCase(cp));
            }
        });
        return out.toString();
    }

    /** The string without diacritical marks (é → e, ñ → n); other characters unchanged. */
    public static String stripDiacritics(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80 && s.charAt(i) != '^' && s.charAt(i) != '`';
        }
        if (ascii) {
            return s;
        }
        String decomposed = NFD.normalize(s);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(cp -> !UCharacter.hasBinaryProperty(cp, UProperty.DIACRITIC))
                .forEach(out::appendCodePoint);
        return NFC.normalize(out);
    }

    /** {@code s} as phrase matching compares it: lower-cased unless case sensitive, diacritics gone unless sensitive. */
    static String forPhrase(String s, TextLanguage language, boolean caseSensitive, boolean diacriticSensitive) {
        String folded = caseSensitive ? s : lower(s, language);
        return diacriticSensitive ? folded : stripDiacritics(folded);
    }
}
