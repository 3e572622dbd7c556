package com.bkbcs.storage.adapters.http.ops;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One backing store as {@code GET /readyz} sees it: a name ({@code mongodb}, {@code zookeeper}) and
 * a check that says whether it is reachable now, with a short state (ZooKeeper's connection state,
 * say) or the reason it is not. A check must answer within a few seconds and never throw.
 */
public interface ReadinessCheck {

    String name();

    Result check();

    /** What a check found: whether the store is usable, and a few words of state or reason. */
    record Result(boolean up, String detail) {
        public Result {
            Objects.requireNonNull(detail, "detail");
        }

        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }

    static ReadinessCheck of(String name, Supplier<Result> check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return check.get();
            }
        };
    }
}
