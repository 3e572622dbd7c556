package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.StoredFields;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.LabelSelector;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.ParameterValues;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.TimeBound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The query string of a request, turned into domain query values. The rules every route shares:
 * <ul>
 *   <li>A parameter the route does not document is bad input ({@link Accepted}); the gateway's
 *       own ({@code access_token}...) are accepted and dropped. A documented parameter with an
 *       empty value is ignored.
 *   <li>Every request stays within the {@link QueryLimits}: the size of the whole query, the
 *       values of one "any of" list, the {@code field} paths, {@code data.<path>} filters and
 *       {@code extra} conditions. They are checked while the query is read, before anything
 *       is built from it.
 *   <li>A parameter <em>name</em> with a segment starting with {@code $} ({@code $where},
 *       {@code data.$ne}) is bad input, whatever the route: operators are never smuggled in.
 *   <li>Comma-separated values and repeated parameters both mean "any of"; empty items of a comma
 *       list ({@code a,,b}, {@code a,}) are dropped. Repeated {@code extra} and
 *       {@code labelSelector} parameters must all hold.
 *   <li>{@code field}: comma list of dotted paths, the projection.
 *   <li>{@code extra}: standard base64 (URL-safe base64 and a {@code +} that form-decoding turned
 *       into a space are tolerated) of a JSON object; each key is a dotted path ({@code \uff0e}
 *       for a literal dot), a scalar value means equality, an array of scalars "any of".
 *   <li>{@code resourceName}, {@code namespace}: exact strings; {@code data} and
 *       {@code data.<path>}: values as {@link ParameterValues#candidates} reads them;
 *       {@code labelSelector}: Kubernetes syntax on {@code data.metadata.labels}.
 *   <li>{@code offset}, {@code limit}: non-negative integers; {@code limit=0} means no limit, as
 *       MongoDB and the original service treat it.
 * </ul>
 */
public final class QueryParameters {
    public static final String FIELD = "field";
    public static final String EXTRA = "extra";
    public static final String OFFSET = "offset";
    public static final String LIMIT = "limit";
    public static final String LABEL_SELECTOR = "labelSelector";
    /**
     * A single GET: the projection; {@code offset} and {@code limit} are accepted and ignored, as
     * real callers send them there.
     */
    public static final Accepted ONE = Accepted.of(FIELD, OFFSET, LIMIT);
    /** The filters of dynamic lists and batch deletes: {@code extra}, label selector, names, data paths. */
    public static final Accepted FILTERS = Accepted.of(EXTRA, LABEL_SELECTOR, Resource.RESOURCE_NAME,
            StoredFields.NAMESPACE).withDataPaths();
    /** A dynamic list: the filters, the projection and the page. */
    public static final Accepted LIST = FILTERS.and(FIELD, OFFSET, LIMIT);

    private static final Pattern NON_NEGATIVE = Pattern.compile("\\d{1,10}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,19}");
    private static final String DATA_PREFIX = StoredFields.DATA + ".";
    private static final Pattern ZERO = Pattern.compile("\\s*-?0+\\s*");

    private final Map<String, List<String>> values;
    private final JsonCodec json;
    private final QueryLimits limits;

    private QueryParameters(Map<String, List<String>> values, JsonCodec json, QueryLimits limits) {
        this.values = values;
        this.json = json;
        this.limits = limits;
    }

    /**
     * Validates the parameter names against what the route accepts and the query against the
     * limits, drops the gateway's parameters and keeps the non-empty values.
     */
    static QueryParameters of(Map<String, List<String>> raw, JsonCodec json, Accepted accepted, QueryLimits limits) {
        long bytes = 0;
        for (Map.Entry<String, List<String>> parameter : raw.entrySet()) {
            bytes += utf8Length(parameter.getKey());
            for (String value : parameter.getValue()) {
                bytes += value == null ? 0 : utf8Length(value) + 1;
            }
        }
        limits.checkQueryBytes(bytes);
        Map<String, List<String>> kept = new LinkedHashMap<>();
        int dataPaths = 0;
        for (Map.Entry<String, List<String>> parameter : raw.entrySet()) {
            String name = parameter.getKey();
            requireNoOperator(name);
            accepted.require(List.of(name), "parameter");
            if (Accepted.GATEWAY.contains(name)) {
                continue;
            }
            List<String> nonEmpty = parameter.getValue().stream().filter(v -> v != null && !v.isEmpty()).toList();
            if (!nonEmpty.isEmpty()) {
                kept.put(name, nonEmpty);
                limits.checkValues(name, countItems(nonEmpty));
                dataPaths += isDataPath(name) ? 1 : 0;
            }
        }
        limits.checkFilterParameters(dataPaths);
        return new QueryParameters(kept, json, limits);
    }

    private static int countItems(List<String> values) {
        int items = 0;
        for (String value : values) {
            int start = 0;
            for (int i = 0; i <= value.length(); i++) {
                if (i == value.length() || value.charAt(i) == ',') {
                    items += i > start ? 1 : 0;
                    start = i + 1;
                }
            }
        }
        return items;
    }

    private static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return length;
    }

    private static void requireNoOperator(String name) {
        for (String segment : name.split("\\.", -1)) {
            if (segment.startsWith("$")) {
                throw StorageException.badInput("parameter names must not contain segments starting with '$': "
                        + name);
            }
        }
    }

    /** Every parameter with its values joined by commas, for routes that read parameters of their own. */
    public Map<String, String> joined() {
        Map<String, String> joined = new LinkedHashMap<>();
        values.forEach((name, list) -> joined.put(name, String.join(",", list)));
        return joined;
    }

    /** The first non-empty value of the parameter. */
    public Optional<String> first(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Every comma-separated item of every value of the parameter, empty items dropped. */
    public List<String> items(String name) {
        List<String> items = new ArrayList<>();
        for (String value : values.getOrDefault(name, List.of())) {
            for (String item : value.split(",", -1)) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    public Projection projection() {
        List<String> items = items(FIELD);
        limits.checkFieldPaths(items.size());
        List<FieldPath> paths = new ArrayList<>();
        for (String item : items) {
            paths.add(FieldPath.parse(item.trim()));
        }
        return new Projection(paths);
    }

    public Page page() {
        return page(LIMIT);
    }

    /** The page with its size in {@code limitName} (events and alarms call it {@code length}). */
    public Page page(String limitName) {
        int offset = first(OFFSET).map(v -> nonNegative(OFFSET, v)).orElse(0);
        OptionalInt limit = first(limitName).map(v -> nonNegative(limitName, v))
                .filter(l -> l > 0)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
        return new Page(offset, limit);
    }

    /**
     * The parameter as a whole number within {@code [min, max]} (digits only: no sign, no
     * fraction, no exponent), or empty when not given; anything else is bad input naming the range.
     */
    public OptionalLong wholeNumber(String name, long min, long max) {
        Optional<String> given = first(name);
        if (given.isEmpty()) {
            return OptionalLong.empty();
        }
        String value = given.get();
        if (WHOLE_NUMBER.matcher(value).matches()) {
            try {
                long parsed = Long.parseLong(value);
                if (parsed >= min && parsed <= max) {
                    return OptionalLong.of(parsed);
                }
            } catch (NumberFormatException tooLarge) {
                // beyond a long: out of range like any other
            }
        }
        throw StorageException.badInput(name + " must be a whole number from " + min + " to " + max + ": " + value);
    }

    private static int nonNegative(String name, String value) {
        if (NON_NEGATIVE.matcher(value).matches()) {
            long parsed = Long.parseLong(value);
            if (parsed <= Integer.MAX_VALUE) {
                return (int) parsed;
            }
        }
        throw StorageException.badInput(name + " must be a non-negative integer: " + value);
    }

    /**
     * The conditions of {@code extra}, {@code resourceName}, {@code namespace}, {@code data} /
     * {@code data.<path>} and {@code labelSelector}, all of which must hold.
     */
    public ResourceFilter filter() {
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : values.entrySet()) {
            String name = parameter.getKey();
            if (name.equals(EXTRA)) {
                conditions.addAll(extra());
            } else if (name.equals(LABEL_SELECTOR)) {
                for (String value : parameter.getValue()) {
                    List<Condition> requirements = LabelSelector.parse(value);
                    requirements.forEach(requirement -> checkValues(LABEL_SELECTOR, requirement));
                    conditions.addAll(requirements);
                }
            } else if (name.equals(Resource.RESOURCE_NAME) || name.equals(StoredFields.NAMESPACE)) {
                List<Object> names = new ArrayList<>(items(name));
                if (!names.isEmpty()) {
                    conditions.add(new Condition.AnyOf(FieldPath.of(name), names));
                }
            } else if (isDataPath(name)) {
                conditions.add(dataCondition(name));
            }
        }
        return new ResourceFilter(conditions);
    }

    /** The conditions of every {@code extra} parameter, all of which must hold. */
    public List<Condition> extra() {
        List<Condition> conditions = new ArrayList<>();
        for (String value : values.getOrDefault(EXTRA, List.of())) {
            conditions.addAll(extra(value));
            limits.checkExtraConditions(conditions.size());
        }
        return conditions;
    }

    private void checkValues(String name, Condition condition) {
        if (condition instanceof Condition.AnyOf anyOf) {
            limits.checkValues(name, anyOf.values().size());
        } else if (condition instanceof Condition.NoneOf noneOf) {
            limits.checkValues(name, noneOf.values().size());
        }
    }

    /** The conditions of the {@code data} / {@code data.<path>} parameters, as in {@link #filter()}. */
    public List<Condition> dataPaths() {
        List<Condition> conditions = new ArrayList<>();
        for (String name : values.keySet()) {
            if (isDataPath(name)) {
                conditions.add(dataCondition(name));
            }
        }
        return conditions;
    }

    /**
     * "Any of" the parameter's comma-separated items, as exact strings, at the document path the
     * parameter is named after ({@code level}, {@code extraInfo.name}); empty when not given.
     */
    public Optional<Condition> anyOfText(String name) {
        List<Object> items = new ArrayList<>(items(name));
        return items.isEmpty() ? Optional.empty() : Optional.of(new Condition.AnyOf(FieldPath.parse(name), items));
    }

    /**
     * A time bound: absent, empty and {@code 0} mean no bound (the API's "unset"); anything else is
     * unix seconds or another form {@link TimeBound} reads.
     */
    public Optional<Instant> timeBound(String name) {
        return first(name).flatMap(text -> time(name, text));
    }

    public static Optional<Instant> time(String name, String text) {
        return ZERO.matcher(text).matches() ? Optional.empty() : Optional.of(TimeBound.parse(name, text));
    }

    private static boolean isDataPath(String name) {
        return name.equals(StoredFields.DATA) || name.startsWith(DATA_PREFIX);
    }

    private Condition dataCondition(String name) {
        return new Condition.AnyOf(FieldPath.parse(name), ParameterValues.candidates(items(name)));
    }

    private List<Condition> extra(String encoded) {
        Object decoded = json.parse(base64(encoded), EXTRA);
        if (!(decoded instanceof Map<?, ?> object)) {
            throw StorageException.badInput("extra must be base64 of a JSON object");
        }
        limits.checkExtraConditions(object.size());
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String key = (String) entry.getKey();
            FieldPath path = FieldPath.parse(key);
            Object value = entry.getValue();
            if (value instanceof Map) {
                throw StorageException.badInput("extra value of '" + key
                        + "' must be a string, number, boolean, null or an array of those, not an object");
            }
            if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    throw StorageException.badInput("extra value of '" + key + "' must not be an empty array");
                }
                limits.checkValues("extra '" + key + "'", list.size());
                conditions.add(new Condition.AnyOf(path, new ArrayList<>(list)));
            } else {
                List<Object> single = new ArrayList<>(1);
                single.add(value);
                conditions.add(new Condition.AnyOf(path, single));
            }
        }
        return conditions;
    }

    private static byte[] base64(String encoded) {
        String text = encoded.trim().replace(' ', '+');
        try {
            return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw StorageException.badInput("extra is not base64: " + e.getMessage());
        }
    }
}
