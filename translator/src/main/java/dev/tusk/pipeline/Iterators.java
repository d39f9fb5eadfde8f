package dev.tusk.pipeline;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;

/** Lazy filter, map and flatMap over iterators. */
final class Iterators {
    private Iterators() {}

    static <T> Iterator<T> filter(Iterator<T> in, Predicate<T> keep) {
        return flatMap(in, t -> keep.test(t) ? java.util.List.of(t).iterator() : java.util.Collections.emptyIterator());
    }

    static <T, R> Iterator<R> map(Iterator<T> in, Function<T, R> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public R next() {
                return f.apply(in.next());
            }
        };
    }

    static <T, R> Iterator<R> flatMap(Iterator<T> in, Function<T, Iterator<R>> f) {
        return new Iterator<>() {
            private Iterator<R> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!in.hasNext()) {
                        return false;
                    }
                    current = f.apply(in.next());
                }
                return true;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** first, then (created only when first is exhausted) second. */
    /** The elements in lists of {@code size} (the last one shorter), each read when asked for. */
    static <T> Iterator<List<T>> chunks(Iterator<T> in, int size) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public List<T> next() {
                List<T> chunk = new java.util.ArrayList<>(size);
                while (chunk.size() < size && in.hasNext()) {
                    chunk.add(in.next());
                }
                return chunk;
            }
        };
    }

    static <T> Iterator<T> concat(Iterator<T> first, java.util.function.Supplier<Iterator<T>> second) {
        return new Iterator<>() {
            private Iterator<T> current = first;
            private boolean switched;

            @Override
            public boolean hasNext() {
                if (!current.hasNext() && !switched) {
                    switched = true;
                    current = second.get();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
