package dev.tusk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The literal prefix an anchored regex's matches start with, when an index may scan only those strings. */
class RegexPrefixTest {

    @ParameterizedTest(name = "/{0}/{1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "^abc;'';abc", "^abc.*;'';abc", "^abc$;'';abc", "^ab(c|d);'';", "^ab[cd];'';ab", "^abc?;'';ab", "^abc*;'';ab",
        "^abc+;'';abc", "^ab{2};'';a", "^a\\.b;'';a", "abc;'';", "^;'';", "^.bc;'';", "^abc;i;", "^abc;m;", "^abc;x;",
        "^abc;s;abc", "^abc;u;abc", "^café;'';café", "^a|b;'';", "^😀x;'';😀x", "^x😀?;'';x"})
    void prefixes(String pattern, String options, String prefix) {
        assertEquals(Optional.ofNullable(prefix), RegexPrefix.of(pattern, options));
    }
}
