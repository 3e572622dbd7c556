package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.StorageException;

import com.bkbcs.storage.domain.StoredFields;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query-string parameters (or typed-query body members) a route documents. Anything else is
 * bad input naming it, checked before the route reads or writes anything: a misspelt filter
 * ({@code lableSelector}) must never widen a batch delete or a list to the whole scope.
 *
 * <p>Every route also accepts, and ignores, the API gateway's own parameters ({@link #GATEWAY}).
 * {@code dataPaths} routes accept {@code data} and any {@code data.<path>} (filters on reported data).
 *
 * @param names     the documented names, exactly as spelt (parameter names are case-sensitive)
 * @param dataPaths whether {@code data} and {@code data.<path>} are accepted
 */
public record Accepted(Set<String> names, boolean dataPaths) {
    /** Sent by the BCS API gateway on any route; accepted and ignored. */
    public static final Set<String> GATEWAY = Set.of("access_token", "bk_app_code", "bk_app_secret", "bk_username");
    /** A route that takes no parameters at all (writes and deletes of one resource). */
    public static final Accepted NONE = new Accepted(Set.of(), false);

    private static final String DATA_PREFIX = StoredFields.DATA + ".";

    public Accepted {
        names = Set.copyOf(names);
    }

    public static Accepted of(String... names) {
        return new Accepted(Set.of(names), false);
    }

    /** These names as well. */
    public Accepted and(String... more) {
        return and(Set.of(more));
    }

    /** These names as well. */
    public Accepted and(Collection<String> more) {
        Set<String> all = new TreeSet<>(names);
        all.addAll(more);
        return new Accepted(all, dataPaths);
    }

    /** {@code data} and {@code data.<path>} filters as well. */
    public Accepted withDataPaths() {
        return new Accepted(names, true);
    }

    public boolean accepts(String name) {
        return names.contains(name) || GATEWAY.contains(name)
                || dataPaths && (name.equals(StoredFields.DATA) || name.startsWith(DATA_PREFIX));
    }

    /** Fails with a 400 naming the first of {@code given} this route does not document. */
    public void require(Collection<String> given, String what) {
        for (String name : given) {
            if (!accepts(name)) {
                throw StorageException.badInput("unknown " + what + " '" + name + "'; " + describe());
            }
        }
    }

    /** What the route takes, for error messages. */
    public String describe() {
        if (names.isEmpty() && !dataPaths) {
            return "this route takes none";
        }
        Set<String> sorted = new TreeSet<>(names);
        if (dataPaths) {
            sorted.add("data.<path>");
        }
        return "this route takes " + String.join(", ", sorted);
    }
}
