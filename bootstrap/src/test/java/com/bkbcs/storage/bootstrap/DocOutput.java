package com.bkbcs.storage.bootstrap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output a doc shows after a curl command, and how a real answer is held against it.
 *
 * <p>With {@code curl -i} the output starts with the status line and headers: the status code must
 * be the same, and every header the doc shows must have the value shown (headers it does not show,
 * such as {@code Date}, are not checked). The body is compared as JSON when the doc's body parses
 * as JSON: one value, or several one after the other (NDJSON streams); whitespace and the order of
 * an object's members do not matter, numbers compare by value. Otherwise it is compared as text,
 * line by line, trailing blanks ignored.
 *
 * <p>Volatile values are masked, by member name, at any depth:
 * <ul>
 *   <li>{@code createTime}, {@code updateTime}: an RFC 3339 time in the doc matches any RFC 3339 time;</li>
 *   <li>{@code _id}: a MongoDB ObjectId (24 hex digits) in the doc matches any ObjectId;</li>
 *   <li>{@code revision}: a whole number in the doc matches any whole number (from 0).</li>
 * </ul>
 * And {@code ...} in place of members of an object ({@code {"_id":"a", ... ,"revision":3}}) matches
 * any further members there.
 */
final class DocOutput {
    static final String ELIDED = "...";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\S+ (\\d{3})(?: .*)?");
    private static final Pattern HEADER = Pattern.compile("([^:\\s]+):\\s*(.*)");
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{24}");
    private static final Set<String> TIMES = Set.of("createTime", "updateTime");

    private final String text;

    DocOutput(String text) {
        this.text = text.strip();
    }

    String text() {
        return text;
    }

    /** An answer as the runner got it; {@code headers} with lower-case names. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
    }

    /** What differs between the doc and {@code answer}; empty when they agree. */
    List<String> differences(Answer answer, boolean include) {
        List<String> differences = new ArrayList<>();
        String body = text;
        if (include) {
            List<String> lines = text.lines().toList();
            Matcher status = lines.isEmpty() ? null : STATUS_LINE.matcher(lines.get(0));
            if (status == null || !status.matches()) {
                differences.add("curl -i output must start with a status line (HTTP/1.1 200 OK)");
                return differences;
            }
            if (Integer.parseInt(status.group(1)) != answer.status()) {
                differences.add("status: expected " + status.group(1) + ", was " + answer.status());
            }
            int line = 1;
            for (; line < lines.size() && !lines.get(line).isBlank(); line++) {
                Matcher header = HEADER.matcher(lines.get(line));
                if (!header.matches()) {
                    differences.add("not a header line: " + lines.get(line));
                    continue;
                }
                List<String> values = answer.headers().getOrDefault(header.group(1).toLowerCase(), List.of());
                if (!values.contains(header.group(2).strip())) {
                    differences.add("header " + header.group(1) + ": expected " + header.group(2).strip() + ", was "
                            + (values.isEmpty() ? "absent" : String.join(", ", values)));
                }
            }
            body = String.join("\n", lines.subList(Math.min(line + 1, lines.size()), lines.size()));
        }
        Optional<List<JsonNode>> expectedJson = jsonValues(withElisionMarkers(body));
        if (expectedJson.isEmpty()) {
            if (!textLines(body).equals(textLines(answer.body()))) {
                differences.add("the text differs");
            }
            return differences;
        }
        Optional<List<JsonNode>> actualJson = jsonValues(answer.body());
        if (actualJson.isEmpty()) {
            differences.add("the answer is not JSON");
            return differences;
        }
        List<JsonNode> expected = expectedJson.get();
        List<JsonNode> actual = actualJson.get();
        if (expected.size() != actual.size()) {
            differences.add("expected " + expected.size() + " JSON value(s), got " + actual.size());
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            compare(expected.size() == 1 ? "" : "[value " + (i + 1) + "]", null, expected.get(i), actual.get(i), differences);
        }
        return differences;
    }

    private static List<String> textLines(String text) {
        return text.strip().lines().map(String::stripTrailing).toList();
    }

    /** Every JSON value of {@code text} one after the other, or empty when it is not JSON. */
    static Optional<List<JsonNode>> jsonValues(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(text)) {
            return Optional.of(values.readAll());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Rewrites a bare {@code ...} where a member of an object may stand into the member
     * {@code "...": "..."}, which {@link #compare} reads as "and any other members".
     */
    static String withElisionMarkers(String json) {
        StringBuilder out = new StringBuilder();
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < json.length()) {
                    out.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                open.push(c);
            } else if ((c == '}' || c == ']') && !open.isEmpty()) {
                open.pop();
            } else if (json.startsWith(ELIDED, i) && !open.isEmpty() && open.peek() == '{') {
                out.append("\"" + ELIDED + "\":\"" + ELIDED + "\"");
                i += ELIDED.length() - 1;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void compare(String path, String member, JsonNode expected, JsonNode actual, List<String> differences) {
        if (masked(member, expected, actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            boolean elided = expected.has(ELIDED);
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals(ELIDED)) {
                    continue;
                }
                JsonNode value = actual.get(field.getKey());
                if (value == null) {
                    differences.add(path + "/" + field.getKey() + ": missing");
                } else {
                    compare(path + "/" + field.getKey(), field.getKey(), field.getValue(), value, differences);
                }
            }
            if (!elided) {
                actual.fieldNames().forEachRemaining(name -> {
                    if (!expected.has(name)) {
                        differences.add(path + "/" + name + ": not in the doc, was " + actual.get(name));
                    }
                });
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": expected " + expected.size() + " element(s), was " + actual.size());
            }
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                compare(path + "/" + i, null, expected.get(i), actual.get(i), differences);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                differences.add(path + ": expected " + expected + ", was " + actual);
            }
        } else if (!expected.equals(actual)) {
            differences.add((path.isEmpty() ? "/" : path) + ": expected " + expected + ", was " + actual);
        }
    }

    private static boolean masked(String member, JsonNode expected, JsonNode actual) {
        if (member == null) {
            return false;
        }
        if (TIMES.contains(member)) {
            return isRfc3339(expected) && isRfc3339(actual);
        }
        if (member.equals("_id")) {
            return isObjectId(expected) && isObjectId(actual);
        }
        if (member.equals("revision")) {
            return isWholeNumber(expected) && isWholeNumber(actual);
        }
        return false;
    }

    private static boolean isRfc3339(JsonNode node) {
        return node.isTextual() && RFC_3339.matcher(node.textValue()).matches();
    }

    private static boolean isObjectId(JsonNode node) {
        return node.isTextual() && OBJECT_ID.matcher(node.textValue()).matches();
    }

    private static boolean isWholeNumber(JsonNode node) {
        return node.isIntegralNumber() && node.asLong() >= 0;
    }

    /** The answer as curl would print it, for failure messages. */
    static String printed(Answer answer, boolean include) {
        if (!include) {
            return answer.body();
        }
        StringBuilder out = new StringBuilder("HTTP/1.1 " + answer.status() + "\n");
        answer.headers().forEach((name, values) -> values.forEach(value -> out.append(name).append(": ").append(value).append('\n')));
        return out.append('\n').append(answer.body()).toString();
    }
}
