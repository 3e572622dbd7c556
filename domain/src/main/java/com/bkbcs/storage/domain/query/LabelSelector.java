package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.StorageException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes label selector syntax, applied to {@code data.metadata.labels}: {@code a=b},
 * {@code a==b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a};
 * requirements separated by commas must all hold. As in Kubernetes, {@code !=} and {@code notin}
 * also select objects without the label.
 */
public final class LabelSelector {
    public static final FieldPath LABELS = FieldPath.of("data", "metadata", "labels");

    private static final Pattern SET = Pattern.compile("([^\\s!=(),]+)\\s+(in|notin)\\s*\\(([^()]*)\\)");
    private static final Pattern EQUALITY = Pattern.compile("([^\\s!=(),]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)");
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*([^\\s!=(),]+)");

    private LabelSelector() {
    }

    public static List<Condition> parse(String selector) {
        List<Condition> conditions = new ArrayList<>();
        for (String requirement : splitTopLevel(selector)) {
            String text = requirement.trim();
            if (text.isEmpty()) {
                throw bad(selector, "empty requirement");
            }
            conditions.add(requirement(selector, text));
        }
        return conditions;
    }

    private static Condition requirement(String selector, String text) {
        Matcher set = SET.matcher(text);
        if (set.matches()) {
            List<Object> values = new ArrayList<>();
            for (String value : Arrays.asList(set.group(3).split(","))) {
                if (value.isBlank()) {
                    throw bad(selector, "empty value in a set");
                }
                values.add(value.trim());
            }
            FieldPath path = LABELS.child(key(selector, set.group(1)));
            return set.group(2).equals("in") ? new Condition.AnyOf(path, values) : new Condition.NoneOf(path, values);
        }
        Matcher equality = EQUALITY.matcher(text);
        if (equality.matches()) {
            FieldPath path = LABELS.child(key(selector, equality.group(1)));
            List<Object> value = List.of(equality.group(3));
            return equality.group(2).equals("!=") ? new Condition.NoneOf(path, value) : new Condition.AnyOf(path, value);
        }
        Matcher exists = EXISTS.matcher(text);
        if (exists.matches()) {
            return new Condition.Exists(LABELS.child(key(selector, exists.group(2))), exists.group(1).isEmpty());
        }
        throw bad(selector, "cannot parse '" + text + "'");
    }

    private static String key(String selector, String key) {
        if (key.startsWith("$")) {
            throw bad(selector, "label keys must not start with '$'");
        }
        return key;
    }

    private static List<String> splitTopLevel(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) {
                    throw bad(selector, "unbalanced parentheses");
                }
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw bad(selector, "unbalanced parentheses");
        }
        parts.add(selector.substring(start));
        return parts;
    }

    private static StorageException bad(String selector, String why) {
        return StorageException.badInput("labelSelector '" + selector + "': " + why);
    }
}
