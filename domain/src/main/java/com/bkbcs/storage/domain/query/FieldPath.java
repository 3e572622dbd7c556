package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.StorageException;

import java.util.ArrayList;
import java.util.List;

/**
 * A path from a stored document's root, one segment per object key. In its text form segments are
 * joined by '.', and a literal dot inside one key is written as U+FF0E (the fullwidth full stop),
 * as the API document prescribes: {@code data.metadata.labels.app\uff0ekubernetes\uff0eio/name}.
 * A segment of the text form must not start with '$' (operators are never smuggled in); a key
 * that really starts with '$' is written with U+FF04 (the fullwidth dollar sign) in its place.
 */
public record FieldPath(List<String> segments) {
    public static final char ESCAPED_DOT = '\uff0e';
    public static final char ESCAPED_DOLLAR = '\uff04';

    public FieldPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw StorageException.badInput("a field path must not be empty");
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw StorageException.badInput("a field path must not have empty segments");
            }
        }
    }

    public static FieldPath of(String... segments) {
        return new FieldPath(List.of(segments));
    }

    /** Parses the dotted text form; the result is validated like any other path. */
    public static FieldPath parse(String dotted) {
        if (dotted == null || dotted.isEmpty()) {
            throw StorageException.badInput("a field path must not be empty");
        }
        List<String> parts = new ArrayList<>();
        for (String raw : dotted.split("\\.", -1)) {
            if (raw.startsWith("$")) {
                throw StorageException.badInput("a field path segment must not start with '$': " + raw);
            }
            String segment = raw.replace(ESCAPED_DOT, '.');
            if (!segment.isEmpty() && segment.charAt(0) == ESCAPED_DOLLAR) {
                segment = "$" + segment.substring(1);
            }
            parts.add(segment);
        }
        return new FieldPath(parts);
    }

    public String first() {
        return segments.get(0);
    }

    public int size() {
        return segments.size();
    }

    /** This path without its first segment; only for paths of two or more segments. */
    public FieldPath tail() {
        return new FieldPath(segments.subList(1, segments.size()));
    }

    public FieldPath child(String segment) {
        List<String> longer = new ArrayList<>(segments);
        longer.add(segment);
        return new FieldPath(longer);
    }

    /** Whether {@code other} equals this path or lies below it. */
    public boolean isPrefixOf(FieldPath other) {
        return other.segments.size() >= segments.size()
                && other.segments.subList(0, segments.size()).equals(segments);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (String segment : segments) {
            if (text.length() > 0) {
                text.append('.');
            }
            String escaped = segment.replace('.', ESCAPED_DOT);
            text.append(escaped.startsWith("$") ? ESCAPED_DOLLAR + escaped.substring(1) : escaped);
        }
        return text.toString();
    }
}
