package com.bkbcs.storage.adapters.http.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /readyz}: runs every {@link ReadinessCheck} (a check that throws counts as down) and
 * answers with each one's state; when any is down it fails with {@link NotReady}, which the error
 * mapper renders as a 503 whose {@code data} holds the same states.
 */
public final class Readiness {
    private Readiness() {
    }

    /** One check's state in the answer. */
    public record CheckJson(String status, String detail) {
    }

    /** The answer: {@code UP} or {@code DOWN}, and every check by name. */
    public record ReadinessJson(String status, Map<String, CheckJson> checks) {
    }

    /** Every check is up: their states; otherwise a {@link NotReady} naming those that are down. */
    public static ReadinessJson evaluate(List<ReadinessCheck> checks) {
        Map<String, CheckJson> results = new LinkedHashMap<>();
        StringBuilder down = new StringBuilder();
        for (ReadinessCheck check : checks) {
            ReadinessCheck.Result result;
            try {
                result = check.check();
            } catch (RuntimeException e) {
                result = ReadinessCheck.Result.down("the check failed: " + e.getMessage());
            }
            results.put(check.name(), new CheckJson(result.up() ? "UP" : "DOWN", result.detail()));
            if (!result.up()) {
                down.append(down.isEmpty() ? "" : "; ").append(check.name()).append(" is down (").append(result.detail())
                        .append(')');
            }
        }
        if (!down.isEmpty()) {
            throw new NotReady(down.toString(), new ReadinessJson("DOWN", results));
        }
        return new ReadinessJson("UP", results);
    }

    /** A failed readiness check: the error mapper answers 503 with the checks as {@code data}. */
    public static final class NotReady extends RuntimeException {
        private final transient ReadinessJson readiness;

        NotReady(String message, ReadinessJson readiness) {
            super(message);
            this.readiness = readiness;
        }

        public ReadinessJson readiness() {
            return readiness;
        }
    }
}
