package dev.tusk.error;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** MongoDB 7.0 error codes with their code names: the only place a numeric error code is written. */
public enum ErrorCode {
    INTERNAL_ERROR(1, "InternalError"),
    BAD_VALUE(2, "BadValue"),
    NO_SUCH_KEY(4, "NoSuchKey"),
    GRAPH_CONTAINS_CYCLE(5, "GraphContainsCycle"),
    HOST_UNREACHABLE(6, "HostUnreachable"),
    UNAUTHORIZED(13, "Unauthorized"),
    FAILED_TO_PARSE(9, "FailedToParse"),
    TYPE_MISMATCH(14, "TypeMismatch"),
    AUTHENTICATION_FAILED(18, "AuthenticationFailed"),
    ILLEGAL_OPERATION(20, "IllegalOperation"),
    INDEX_NOT_FOUND(27, "IndexNotFound"),
    NAMESPACE_NOT_FOUND(26, "NamespaceNotFound"),
    PATH_NOT_VIABLE(28, "PathNotViable"),
    CONFLICTING_UPDATE_OPERATORS(40, "ConflictingUpdateOperators"),
    CURSOR_NOT_FOUND(43, "CursorNotFound"),
    NAMESPACE_EXISTS(48, "NamespaceExists"),
    MAX_TIME_MS_EXPIRED(50, "MaxTimeMSExpired"),
    DOLLAR_PREFIXED_FIELD_NAME(52, "DollarPrefixedFieldName"),
    INVALID_ID_FIELD(53, "InvalidIdField"),
    NOT_SINGLE_VALUE_FIELD(54, "NotSingleValueField"),
    EMPTY_FIELD_NAME(56, "EmptyFieldName"),
    COMMAND_NOT_FOUND(59, "CommandNotFound"),
    IMMUTABLE_FIELD(66, "ImmutableField"),
    CANNOT_CREATE_INDEX(67, "CannotCreateIndex"),
    INVALID_OPTIONS(72, "InvalidOptions"),
    INVALID_NAMESPACE(73, "InvalidNamespace"),
    INDEX_OPTIONS_CONFLICT(85, "IndexOptionsConflict"),
    INDEX_KEY_SPECS_CONFLICT(86, "IndexKeySpecsConflict"),
    NETWORK_TIMEOUT(89, "NetworkTimeout"),
    OPERATION_FAILED(96, "OperationFailed"),
    NO_SUCH_TRANSACTION(251, "NoSuchTransaction"),
    WRITE_CONCERN_FAILED(64, "WriteConcernFailed"),
    COMMAND_NOT_SUPPORTED(115, "CommandNotSupported"),
    DOCUMENT_VALIDATION_FAILURE(121, "DocumentValidationFailure"),
    INVALID_UUID(207, "InvalidUUID"),
    NOT_IMPLEMENTED(238, "NotImplemented"),
    OPERATION_NOT_SUPPORTED_IN_TRANSACTION(263, "OperationNotSupportedInTransaction"),
    QUERY_EXCEEDED_MEMORY_LIMIT_NO_DISK_USE_ALLOWED(292, "QueryExceededMemoryLimitNoDiskUseAllowed"),
    API_STRICT_ERROR(323, "APIStrictError"),
    API_VERSION_ERROR(322, "APIVersionError"),
    INVALID_BSON(22, "InvalidBSON"),
    BSON_OBJECT_TOO_LARGE(10334, "BSONObjectTooLarge"),
    DUPLICATE_KEY(11000, "DuplicateKey"),
    INTERRUPTED(11601, "Interrupted"),
    UNKNOWN_BSON_FIELD(40415, "Location40415"),
    NOT_WRITABLE_PRIMARY(10107, "NotWritablePrimary"),
    PROJECTION_MIXES_INCLUSION(31254, "Location31254"),
    PROJECTION_MIXES_EXCLUSION(31253, "Location31253"),
    LOCATION_15974(15974, "Location15974"),
    LOCATION_17276(17276, "Location17276"),
    LOCATION_31249(31249, "Location31249"),
    LOCATION_31250(31250, "Location31250"),
    UNSUPPORTED_OP_QUERY_COMMAND(352, "UnsupportedOpQueryCommand"),
    CANNOT_INDEX_PARALLEL_ARRAYS(171, "CannotIndexParallelArrays"),
    QUERY_FEATURE_NOT_ALLOWED(224, "QueryFeatureNotAllowed"),
    NO_REPLICATION_ENABLED(76, "NoReplicationEnabled"),
    WRITE_CONFLICT(112, "WriteConflict"),
    LOCATION_51024(51024, "Location51024"),
    LOCATION_16872(16872, "Location16872"),
    LOCATION_40323(40323, "Location40323"),
    LOCATION_40324(40324, "Location40324"),
    LOCATION_15955(15955, "Location15955"),
    LOCATION_40234(40234, "Location40234"),
    LOCATION_15947(15947, "Location15947"),
    LOCATION_15958(15958, "Location15958"),
    LOCATION_40156(40156, "Location40156"),
    LOCATION_15952(15952, "Location15952"),
    INVALID_INDEX_SPECIFICATION_OPTION(197, "InvalidIndexSpecificationOption"),
    LOCATION_15957(15957, "Location15957"),
    LOCATION_15959(15959, "Location15959"),
    LOCATION_40158(40158, "Location40158"),
    LOCATION_40160(40160, "Location40160"),
    LOCATION_28812(28812, "Location28812"),
    LOCATION_15981(15981, "Location15981"),
    LOCATION_28818(28818, "Location28818"),
    LOCATION_40235(40235, "Location40235"),
    CURSOR_IN_USE(143, "CursorInUse"),
    INVALID_LENGTH(16, "InvalidLength"),
    INVALID_PIPELINE_OPERATOR(168, "InvalidPipelineOperator"),
    CLIENT_METADATA_CANNOT_BE_MUTATED(186, "ClientMetadataCannotBeMutated"),
    LOCATION_51091(51091, "Location51091"),
    LOCATION_51108(51108, "Location51108"),
    LOCATION_31324(31324, "Location31324"),
    DATABASE_DIFFER_CASE(13297, "DatabaseDifferCase"),
    LOCATION_15975(15975, "Location15975"),
    ;

    private static final Map<Integer, ErrorCode> BY_CODE = new HashMap<>();

    static {
        for (ErrorCode c : values()) {
            if (BY_CODE.put(c.code, c) != null) {
                throw new ExceptionInInitializerError("duplicate error code " + c.code);
            }
        }
    }

    private final int code;
    private final String codeName;

    ErrorCode(int code, String codeName) {
        this.code = code;
        this.codeName = codeName;
    }

    public int code() {
        return code;
    }

    public String codeName() {
        return codeName;
    }

    /** A new exception carrying this code and the given message (MongoDB 7.0's wording). */
    public MongoServerException error(String message) {
        return new MongoServerException(this, message);
    }

    public MongoServerException error(String format, Object... args) {
        return new MongoServerException(this, String.format(format, args));
    }

    public static Optional<ErrorCode> byCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
