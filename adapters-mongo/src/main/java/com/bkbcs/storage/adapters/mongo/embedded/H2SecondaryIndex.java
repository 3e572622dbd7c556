package com.bkbcs.storage.adapters.mongo.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A non-unique index for mongo-java-server's H2 backend, which otherwise accepts such indexes and
 * ignores them, so that every filtered query decodes the whole collection. It serves what the
 * stores of this project ask most: equality on a leading part of the index's keys
 * ({@code {clusterId: c}}, {@code {clusterId: c, namespace: n}}, also inside a top-level
 * {@code $and}), with strings, numbers, booleans or null. It hands the collection the positions of
 * the documents with those values, and the collection then applies the whole query to them as it
 * would to every document, so results are the same with or without the index; only the documents
 * read differ. Ranges, {@code $in} and the rest are left to the full query on those documents.
 * Meant for scalar fields: a value inside an array nested in an array on an indexed path is not
 * found by value (none of this project's indexed fields holds one).
 *
 * <p>Entries live in an MVStore map in the same file as the documents and are changed in the same
 * commit, so the index is never behind its collection, also after {@code kill -9}; a reopened store
 * finds it filled and does not walk the collection. One entry per document (per element, for
 * arrays on an indexed path), keyed by the encoded values followed by the encoded position, so a
 * lookup is one ordered range of the map.
 */
final class H2SecondaryIndex extends Index<Object> {
    private static final char SEPARATOR = '\u0001';
    private static final char ESCAPE = '\u0000';

    private final MVMap<String, Object> entries;

    H2SecondaryIndex(MVMap<String, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    @Override
    public Object getPosition(Document document) {
        return null; // many documents may share the values: only the unique indexes locate one
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // nothing to violate
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        for (String key : entryKeys(document, position)) {
            entries.put(key, position);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = positionOf(document);
        for (String key : entryKeys(document, position)) {
            entries.remove(key);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // nothing to violate
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        Set<String> before = entryKeys(oldDocument, position);
        Set<String> after = entryKeys(newDocument, position);
        for (String key : before) {
            if (!after.contains(key)) {
                entries.remove(key);
            }
        }
        for (String key : after) {
            if (!before.contains(key)) {
                entries.put(key, position);
            }
        }
    }

    @Override
    public boolean canHandle(Document query) {
        return prefix(query).isPresent();
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        String prefix = prefix(query).orElseThrow(() -> new IllegalStateException("not an equality on " + keys()));
        Set<Object> positions = new LinkedHashSet<>();
        Iterator<String> keys = entries.keyIterator(prefix);
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            positions.add(entries.get(key));
        }
        return positions;
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.clear(); // the database removes the map itself
    }

    // ---------------------------------------------------------------- keys

    /** The position of a stored document: what H2Collection keys its documents by, the {@code _id}. */
    private static Object positionOf(Document document) {
        return Missing.ofNullable(document.get("_id"));
    }

    private Set<String> entryKeys(Document document, Object position) {
        Set<String> keys = new LinkedHashSet<>();
        if (isSparse() && !hasAnyPath(document)) {
            return keys;
        }
        String suffix = encodePosition(position);
        for (KeyValue values : getKeyValues(document)) {
            StringBuilder key = new StringBuilder();
            for (Object value : values) {
                encode(value, key);
                key.append(SEPARATOR);
            }
            keys.add(key.append(suffix).toString());
        }
        return keys;
    }

    private boolean hasAnyPath(Document document) {
        for (String path : keys()) {
            if (valueAt(document, path) != null) {
                return true;
            }
        }
        return false;
    }

    private static Object valueAt(Document document, String path) {
        Object current = document;
        for (String segment : path.split("\\.")) {
            if (!(current instanceof Document inner) || !inner.containsKey(segment)) {
                return null;
            }
            current = inner.get(segment);
        }
        return current;
    }

    /**
     * The key prefix of the documents the query can only be among: the encoded values of the
     * longest run of leading index keys the query requires equal to a scalar, empty when it does
     * not pin the first key.
     */
    private Optional<String> prefix(Document query) {
        Map<String, Object> equalities = new HashMap<>();
        collectEqualities(query, equalities);
        StringBuilder prefix = new StringBuilder();
        for (String key : keys()) {
            if (!equalities.containsKey(key)) {
                break;
            }
            encode(equalities.get(key), prefix);
            prefix.append(SEPARATOR);
        }
        return prefix.isEmpty() ? Optional.empty() : Optional.of(prefix.toString());
    }

    /** Fields the query requires equal to a scalar, at its top level and in its top-level {@code $and}. */
    private static void collectEqualities(Document query, Map<String, Object> equalities) {
        for (Map.Entry<String, Object> field : query.entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            if (name.equals("$and") && value instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document) {
                        collectEqualities(document, equalities);
                    }
                }
            } else if (!name.startsWith("$")) {
                scalarEquality(value).ifPresent(scalar -> equalities.putIfAbsent(name, scalar));
            }
        }
    }

    /**
     * The value a field must equal: a plain scalar or {@code {$eq: scalar}}. Null is left out: it
     * also matches a missing field, which the index spells the same way only for documents it holds.
     */
    private static Optional<Object> scalarEquality(Object value) {
        if (value instanceof Document operators) {
            return operators.size() == 1 && operators.containsKey("$eq") ? scalarEquality(operators.get("$eq"))
                    : Optional.empty();
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean
                ? Optional.of(value) : Optional.empty();
    }

    /**
     * A value as part of a key: strings exactly, numbers by numeric value (so 5, 5L and 5.0 meet,
     * as they do in a MongoDB equality), booleans and null by a letter, anything else (dates,
     * documents, ids) by type and hash: such entries are never looked up by value, only found
     * again for their document, and the position that ends the key keeps them apart.
     */
    private static void encode(Object value, StringBuilder out) {
        if (value == null || value instanceof Missing) {
            out.append('z');
        } else if (value instanceof String text) {
            out.append('s');
            escape(text, out);
        } else if (value instanceof Boolean bool) {
            out.append(bool ? 't' : 'f');
        } else if (value instanceof Number number) {
            out.append('n').append(canonicalNumber(number));
        } else {
            out.append('h').append(value.getClass().getSimpleName()).append(':')
                    .append(Integer.toHexString(Objects.hashCode(value)));
        }
    }

    private static String canonicalNumber(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return Long.toString(number.longValue());
        }
        double value = number.doubleValue();
        if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String encodePosition(Object position) {
        StringBuilder out = new StringBuilder();
        if (position instanceof String text) {
            out.append('s');
            escape(text, out);
        } else {
            out.append(position.getClass().getName()).append(':').append(position);
        }
        return out.toString();
    }

    /** Keeps the separator out of encoded strings, and prefixes of a value from matching longer values. */
    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == SEPARATOR || c == ESCAPE) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
    }
}
