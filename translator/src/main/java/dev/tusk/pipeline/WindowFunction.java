package dev.tusk.pipeline;

import org.bson.BsonValue;

/** One output of $setWindowFields: a function evaluated over the partitions, in sortBy order. */
sealed interface WindowFunction permits WindowedAccumulator, EndpointFunction, RankFunction, DerivativeFunction,
        ExpMovingAvgFunction, LocfFunction, LinearFillFunction {

    /** The function over one partition. */
    Cursor open(WindowPartition partition);

    /** Values for documents 0, 1, 2, ... of a partition, asked in that order. */
    @FunctionalInterface
    interface Cursor {
        /** The output for document i; Java null (missing) removes the output field. */
        BsonValue valueAt(int i);
    }
}
