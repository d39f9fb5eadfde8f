package dev.tusk.pipeline;

import static dev.tusk.pipeline.PipelineCase.c;
import static dev.tusk.pipeline.PipelineCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $redact: the manual's examples, each decision at each level, arrays, $$ROOT and the errors. */
class RedactTest {
    private static final String FORECASTS = """
            [{_id: 1, title: '123 Department Report', tags: ['G', 'STLW'], year: 2014,
              subsections: [{subtitle: 'Section 1: Overview', tags: ['SI', 'G'], content: 'Section 1: This is the content of section 1.'},
                            {subtitle: 'Section 2: Analysis', tags: ['STLW'], content: 'Section 2: This is the content of section 2.'},
                            {subtitle: 'Section 3: Budgeting', tags: ['TK'],
                             content: {text: 'Section 3: This is the content of section 3.', tags: ['HCS']}}]}]""";
    private static final String ACCOUNTS = """
            [{_id: 1, level: 1, acct_id: 'xyz123',
              cc: {level: 5, type: 'yy', num: 0, exp_date: {$date: '2015-11-01T00:00:00Z'},
                   billing_addr: {level: 5, addr1: '123 ABC Street', city: 'Some City'},
                   shipping_addr: [{level: 3, addr1: '987 XYZ Ave', city: 'Some City'}, {level: 3, addr1: 'PO Box 0123', city: 'Some City'}]},
              status: 'A'}]""";
    private static final String LEVELS = "[{_id: 1, l: 1, a: [[{l: 5, x: 1}, {l: 1, x: 2}], 3, {l: 2, b: {l: 5}}], c: {l: 1}}, {_id: 2, l: 5}]";
    private static final String PRUNE_FIVES = "[{$redact: {$cond: {if: {$eq: ['$l', 5]}, then: '$$PRUNE', else: '$$DESCEND'}}}]";

    static Stream<PipelineCase> cases() {
        return Stream.of(
                c("keeps the sections the user may read (manual)", FORECASTS, """
                        [{$match: {year: 2014}},
                         {$redact: {$cond: {if: {$gt: [{$size: {$setIntersection: ['$tags', ['STLW', 'G']]}}, 0]},
                                            then: '$$DESCEND', else: '$$PRUNE'}}}]""", """
                        [{_id: 1, title: '123 Department Report', tags: ['G', 'STLW'], year: 2014,
                          subsections: [{subtitle: 'Section 1: Overview', tags: ['SI', 'G'],
                                         content: 'Section 1: This is the content of section 1.'},
                                        {subtitle: 'Section 2: Analysis', tags: ['STLW'],
                                         content: 'Section 2: This is the content of section 2.'}]}]"""),
                c("drops every level 5 (manual)", ACCOUNTS, """
                        [{$match: {status: 'A'}}, {$redact: {$cond: {if: {$eq: ['$level', 5]}, then: '$$PRUNE', else: '$$DESCEND'}}}]""",
                        "[{_id: 1, level: 1, acct_id: 'xyz123', status: 'A'}]"),
                c("descends into arrays of arrays; a pruned top level drops the document", LEVELS, PRUNE_FIVES,
                        "[{_id: 1, l: 1, a: [[{l: 1, x: 2}], 3, {l: 2}], c: {l: 1}}]"),
                c("$$KEEP keeps the level whole", LEVELS, "[{$redact: {$cond: [{$eq: ['$l', 1]}, '$$KEEP', '$$PRUNE']}}]",
                        "[{_id: 1, l: 1, a: [[{l: 5, x: 1}, {l: 1, x: 2}], 3, {l: 2, b: {l: 5}}], c: {l: 1}}]"),
                c("$$ROOT stays the input document at every level", LEVELS,
                        "[{$redact: {$cond: [{$eq: ['$$ROOT._id', 1]}, '$$DESCEND', '$$PRUNE']}}]",
                        "[{_id: 1, l: 1, a: [[{l: 5, x: 1}, {l: 1, x: 2}], 3, {l: 2, b: {l: 5}}], c: {l: 1}}]"),
                c("the variables are the strings keep, prune and descend", LEVELS,
                        "[{$redact: {$cond: [{$eq: ['$l', 5]}, 'prune', 'descend']}}, {$project: {c: 1}}]", "[{_id: 1, c: {l: 1}}]"),
                err("anything else is 17053", LEVELS, "[{$redact: 'x'}]", ErrorCode.LOCATION_17053,
                        "$redact's expression should not return anything aside from the variables $$KEEP, $$DESCEND, and $$PRUNE, "
                        + "but returned \"x\""),
                err("missing is 17053 too", LEVELS, "[{$redact: '$nothing'}]", ErrorCode.LOCATION_17053,
                        "$redact's expression should not return anything aside from the variables $$KEEP, $$DESCEND, and $$PRUNE, "
                        + "but returned MISSING"),
                err("the variables exist only in $redact", LEVELS, "[{$project: {a: '$$KEEP'}}]", ErrorCode.LOCATION_17276,
                        "Use of undefined variable: KEEP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void redact(PipelineCase c) {
        c.check();
    }
}
