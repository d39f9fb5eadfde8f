package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.error.ErrorCode;
import dev.tusk.naming.IdentifierMapper;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL tables behind a collection (its table and its indexes' side tables), for compact and reIndex. */
final class CollectionMaintenance {
    private CollectionMaintenance() {}

    static CollectionInfo collection(CommandContext cx, String db, String name, String ns) {
        CollectionInfo c = cx.catalog().collection(db, name)
                .orElseThrow(() -> ErrorCode.NAMESPACE_NOT_FOUND.error("collection does not exist: %s", ns));
        if (c.isView()) {
            throw ErrorCode.COMMAND_NOT_SUPPORTED_ON_VIEW.error("Namespace %s is a view, not a collection", ns);
        }
        return c;
    }

    static List<String> tables(CommandContext cx, CollectionInfo c) {
        List<String> tables = new ArrayList<>();
        tables.add(c.qualifiedTable());
        cx.catalog().indexes(c).stream().filter(i -> i.storage().isPresent())
                .forEach(i -> tables.add(IdentifierMapper.qualified(c.schemaName(), i.storage().get())));
        return tables;
    }
}
