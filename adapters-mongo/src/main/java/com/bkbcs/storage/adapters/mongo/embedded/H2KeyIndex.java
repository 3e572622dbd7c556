package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A unique index (the {@code _id} index of every collection) in an MVStore map whose keys are
 * {@link KeyValueType}: what mongo-java-server's H2UniqueIndex does, with keys H2 compares without
 * serializing them, and an anchored regular expression ({@code ^c1/ns/Pod/}, the scope of every
 * unfiltered list) read as the range of keys starting with its literal prefix instead of a match
 * against every key of the collection.
 */
final class H2KeyIndex extends AbstractUniqueIndex<Object> {
    private final MVMap<KeyValue, Object> positions;

    H2KeyIndex(MVMap<KeyValue, Object> positions, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.positions = positions;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return range(query).isPresent() || super.canHandle(query);
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        Optional<Range> range = range(query);
        if (range.isPresent()) {
            return range.get().positions();
        }
        Optional<BsonRegularExpression> regex = anchoredRegex(query);
        if (regex.isEmpty()) {
            return super.getPositions(query);
        }
        String prefix = literalPrefix(regex.get().getPattern());
        List<Object> found = new ArrayList<>();
        Iterator<KeyValue> keys = positions.keyIterator(new KeyValue(prefix));
        while (keys.hasNext()) {
            KeyValue key = keys.next();
            if (!(key.get(0) instanceof String id) || !id.startsWith(prefix)) {
                break; // strings sort together, in String order: past the prefix, nothing more matches
            }
            if (regex.get().matcher(id).find()) {
                found.add(positions.get(key));
            }
        }
        return found;
    }

    /**
     * Bounds on the one key of numbers, or of strings ({@code {_id: {$gt: 10, $lte: 4106}}}, how the
     * change log is trimmed), read as that range of the map. Positions are a superset at worst: the
     * collection applies the whole query to each document anyway.
     */
    private Optional<Range> range(Document query) {
        if (isCompoundIndex() || query.size() != 1 || !(query.values().iterator().next() instanceof Document bounds)
                || bounds.isEmpty()) {
            return Optional.empty();
        }
        Object lower = null;
        Object upper = null;
        Class<?> bracket = null;
        for (Map.Entry<String, Object> bound : bounds.entrySet()) {
            Object value = bound.getValue();
            Class<?> kind = value instanceof Number ? Number.class : value instanceof String ? String.class : null;
            if (kind == null || (bracket != null && bracket != kind)) {
                return Optional.empty();
            }
            bracket = kind;
            Object normalized = value instanceof Number number ? (Object) number.doubleValue() : value;
            switch (bound.getKey()) {
                case "$gt", "$gte" -> lower = normalized;
                case "$lt", "$lte" -> upper = normalized;
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Range(bracket, Optional.ofNullable(lower), Optional.ofNullable(upper)));
    }

    /** Keys of one type between optional bounds, both taken inclusively. */
    private final class Range {
        private final Class<?> bracket;
        private final Optional<Object> lower;
        private final Optional<Object> upper;

        Range(Class<?> bracket, Optional<Object> lower, Optional<Object> upper) {
            this.bracket = bracket;
            this.lower = lower;
            this.upper = upper;
        }

        List<Object> positions() {
            List<Object> found = new ArrayList<>();
            Iterator<KeyValue> keys = positions.keyIterator(lower.map(KeyValue::new).orElse(null));
            boolean inBracket = false;
            while (keys.hasNext()) {
                KeyValue key = keys.next();
                Object value = key.get(0);
                if (!bracket.isInstance(value)) {
                    if (inBracket) {
                        break; // the values of one type sort together: past them, nothing more
                    }
                    continue;
                }
                inBracket = true;
                if (upper.isPresent() && KeyValueType.INSTANCE.compare(key, new KeyValue(upper.get())) > 0) {
                    break;
                }
                found.add(H2KeyIndex.this.positions.get(key));
            }
            return found;
        }
    }

    /** The query's regular expression on the one key, when it is anchored and has no options. */
    private Optional<BsonRegularExpression> anchoredRegex(Document query) {
        if (isCompoundIndex() || query.size() != 1) {
            return Optional.empty();
        }
        Object value = query.values().iterator().next();
        if (!BsonRegularExpression.isRegularExpression(value)) {
            return Optional.empty();
        }
        BsonRegularExpression regex = BsonRegularExpression.convertToRegularExpression(value);
        String options = regex.getOptions();
        return regex.getPattern().startsWith("^") && (options == null || options.isEmpty())
                && !hasAlternation(regex.getPattern()) ? Optional.of(regex) : Optional.empty();
    }

    /** An unescaped {@code |} anywhere: one of the alternatives may not be anchored at all. */
    private static boolean hasAlternation(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                return true;
            }
        }
        return false;
    }

    /** The text every match starts with: the pattern after {@code ^} up to its first operator. */
    static String literalPrefix(String pattern) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 1; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 < pattern.length() && !Character.isLetterOrDigit(pattern.charAt(i + 1))) {
                    prefix.append(pattern.charAt(++i));
                    continue;
                }
                break; // \d, \w, \Q...: a class or a quote, not one literal character
            }
            if (".^$|?*+()[]{}".indexOf(c) >= 0) {
                // a quantifier makes the character before it optional
                if ("?*{".indexOf(c) >= 0 && !prefix.isEmpty()) {
                    prefix.setLength(prefix.length() - 1);
                }
                break;
            }
            prefix.append(c);
        }
        return prefix.toString();
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return positions.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return positions.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return positions.get(keyValue);
    }

    @Override
    public long getCount() {
        return positions.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
