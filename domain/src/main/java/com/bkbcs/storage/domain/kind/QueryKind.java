package com.bkbcs.storage.domain.kind;

import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.TimeBound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One kind of typed query ({@code /query/{env}/dynamic/clusters/{clusterId}/{kind}}): which stored
 * resource types it reads, the conditions every result satisfies, and its parameters.
 *
 * @param namespaces     when present, the kind answers with the sorted distinct namespaces of these
 *                       resource types instead of documents (mesos {@code namespace})
 * @param usedNamespaces whether {@code used=1} makes the kind answer with the sorted distinct
 *                       namespaces of all the cluster's namespaced resources (k8s {@code namespace})
 */
public record QueryKind(Env env, String kind, List<String> resourceTypes, List<Condition> fixedConditions,
                        List<QueryParameter> parameters, Optional<List<String>> namespaces, boolean usedNamespaces) {
    /** The switch parameter of kinds with {@link #usedNamespaces}. */
    public static final String USED = "used";

    public QueryKind {
        resourceTypes = List.copyOf(resourceTypes);
        fixedConditions = List.copyOf(fixedConditions);
        parameters = List.copyOf(parameters);
        namespaces = namespaces.map(List::copyOf);
    }

    /**
     * The names of this kind's own parameters as a request spells them: {@code xBegin} and
     * {@code xEnd} for a TIME parameter {@code x}, {@link #USED} for {@link #usedNamespaces} kinds.
     */
    public Set<String> parameterNames() {
        Set<String> names = new TreeSet<>();
        for (QueryParameter parameter : parameters) {
            if (parameter.type() == ParameterType.TIME) {
                names.add(parameter.name() + "Begin");
                names.add(parameter.name() + "End");
            } else {
                names.add(parameter.name());
            }
        }
        if (usedNamespaces) {
            names.add(USED);
        }
        return names;
    }

    public Optional<QueryParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The conditions this kind's own parameters stand for, read from {@code values} (parameter
     * name to its text; absent or empty means not given): comma lists are "any of", ints and bools
     * must parse, a TIME parameter {@code x} is given as {@code xBegin}/{@code xEnd} (inclusive).
     * Parameters of other names are not this method's business and are left alone.
     */
    public List<Condition> conditions(Map<String, String> values) {
        List<Condition> conditions = new ArrayList<>();
        for (QueryParameter parameter : parameters) {
            if (parameter.type() == ParameterType.TIME) {
                Optional<Instant> from = given(values, parameter.name() + "Begin")
                        .map(text -> TimeBound.parse(parameter.name() + "Begin", text));
                Optional<Instant> to = given(values, parameter.name() + "End")
                        .map(text -> TimeBound.parse(parameter.name() + "End", text));
                if (from.isPresent() || to.isPresent()) {
                    conditions.add(new Condition.Between(parameter.path(), from, to));
                }
            } else {
                given(values, parameter.name()).ifPresent(text ->
                        conditions.add(new Condition.AnyOf(parameter.path(), items(parameter, text))));
            }
        }
        return conditions;
    }

    /** Whether {@code used} asks a {@link #usedNamespaces} kind for namespace names. */
    public boolean wantsUsedNamespaces(Map<String, String> values) {
        return usedNamespaces && given(values, USED).map(text -> bool(USED, text)).orElse(false);
    }

    private static Optional<String> given(Map<String, String> values, String name) {
        return Optional.ofNullable(values.get(name)).filter(text -> !text.isEmpty());
    }

    private static List<Object> items(QueryParameter parameter, String text) {
        List<Object> items = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            items.add(switch (parameter.type()) {
                case STRING -> item;
                case INT -> integer(parameter.name(), item);
                case BOOL -> bool(parameter.name(), item);
                case TIME -> throw new IllegalStateException("time parameters are ranges");
            });
        }
        return items;
    }

    private static Long integer(String name, String item) {
        try {
            return Long.parseLong(item.trim());
        } catch (NumberFormatException e) {
            throw StorageException.badInput(name + " must be an integer, was '" + item + "'");
        }
    }

    private static boolean bool(String name, String item) {
        return switch (item.trim()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw StorageException.badInput(name + " must be true, false, 1 or 0, was '" + item + "'");
        };
    }
}
