package dev.tusk.pipeline;

import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonString;

/** What window functions see when they are parsed: the stage's sortBy and the command's parse context. */
record WindowContext(Optional<BsonDocument> sortBy, ParseContext parse) {

    int sortKeys() {
        return sortBy.map(BsonDocument::size).orElse(0);
    }

    /** sortBy has exactly one field. */
    boolean singleSortKey() {
        return sortKeys() == 1;
    }

    /** The first sortBy field as an expression ("$a.b"): the x of $derivative, $integral, range windows. */
    Expr sortField() {
        return ExprParser.parse(new BsonString("$" + sortBy.orElseThrow().getFirstKey()), parse);
    }

    boolean sortAscending() {
        return sortBy.orElseThrow().get(sortBy.orElseThrow().getFirstKey()).asNumber().doubleValue() > 0;
    }
}
