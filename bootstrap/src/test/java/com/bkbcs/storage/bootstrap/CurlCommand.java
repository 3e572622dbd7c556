package com.bkbcs.storage.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A curl command line of the docs, read as bash and curl would read it, for the doc runner to send
 * with Java's HTTP client. Only what the docs need is understood; anything else (another option,
 * a variable, a pipe, a redirect, a file body) is an {@link IllegalArgumentException} naming it,
 * so that the docs cannot silently use what the runner does not run.
 *
 * <p>Shell: words split on blanks, single and double quotes, backslash escapes, and one command
 * substitution, {@code $(printf 'TEXT' | base64 -w0)} (bash's printf escapes {@code \\uHHHH},
 * {@code \\n}, {@code \\t}, {@code \\\\} and {@code %%}). Curl: {@code -s}/{@code --silent},
 * {@code -S}/{@code --show-error}, {@code -N}/{@code --no-buffer}, {@code -i}/{@code --include}
 * (combinable as {@code -sN}), {@code -X}/{@code --request}, {@code -H}/{@code --header},
 * {@code -d}/{@code --data}/{@code --data-binary} (a body given once, never {@code @file}), and one
 * URL on {@code localhost:8080}, with or without {@code http://}. As curl does, a body makes the
 * method POST unless {@code -X} names one, and is sent as
 * {@code application/x-www-form-urlencoded} unless a {@code Content-Type} header is given.
 */
record CurlCommand(String method, String pathAndQuery, Map<String, String> headers, Optional<String> body, boolean include) {
    static final String DOCUMENTED_SERVER = "localhost:8080";
    private static final Pattern PRINTF_BASE64 = Pattern.compile("printf '([^']*)' \\| base64 -w0");
    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):\\s*(.*)");
    private static final String BOOLEAN_FLAGS = "sSNi";

    CurlCommand {
        headers = Map.copyOf(headers);
    }

    static CurlCommand parse(String commandLine) {
        List<String> words = words(commandLine);
        if (words.isEmpty() || !words.get(0).equals("curl")) {
            throw new IllegalArgumentException("not a curl command: " + commandLine);
        }
        String method = null;
        String url = null;
        String body = null;
        boolean include = false;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s", "--silent", "-S", "--show-error", "-N", "--no-buffer" -> { }
                case "-i", "--include" -> include = true;
                case "-X", "--request" -> method = value(words, ++i, word);
                case "-H", "--header" -> {
                    String header = value(words, ++i, word);
                    Matcher matcher = HEADER.matcher(header);
                    if (!matcher.matches()) {
                        throw new IllegalArgumentException("header is not 'Name: value': " + header);
                    }
                    headers.put(matcher.group(1), matcher.group(2));
                }
                case "-d", "--data", "--data-binary" -> {
                    if (body != null) {
                        throw new IllegalArgumentException("more than one body (curl would join them with '&'): " + word);
                    }
                    body = value(words, ++i, word);
                    if (body.startsWith("@")) {
                        throw new IllegalArgumentException("a body read from a file is not supported: " + word + " " + body);
                    }
                }
                default -> {
                    if (word.startsWith("-X") && word.length() > 2) {
                        method = word.substring(2);
                    } else if (word.matches("-[" + BOOLEAN_FLAGS + "]{2,}")) {
                        include |= word.indexOf('i') > 0;
                    } else if (word.startsWith("-")) {
                        throw new IllegalArgumentException("unsupported curl option " + word);
                    } else if (url != null) {
                        throw new IllegalArgumentException("more than one URL: " + url + " and " + word);
                    } else {
                        url = word;
                    }
                }
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("no URL in " + commandLine);
        }
        if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            headers.put("Content-Type", "application/x-www-form-urlencoded");
        }
        return new CurlCommand(method != null ? method : body != null ? "POST" : "GET", pathAndQuery(url), headers,
                Optional.ofNullable(body), include);
    }

    private static String value(List<String> words, int index, String option) {
        if (index >= words.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return words.get(index);
    }

    private static String pathAndQuery(String url) {
        String rest = url.startsWith("http://") ? url.substring("http://".length()) : url;
        if (!rest.startsWith(DOCUMENTED_SERVER + "/")) {
            throw new IllegalArgumentException("the URL must be on " + DOCUMENTED_SERVER + " (the runner replaces it by its"
                    + " own server), was " + url);
        }
        return rest.substring(DOCUMENTED_SERVER.length());
    }

    /** Splits a command line into words as bash does, within the subset described above. */
    static List<String> words(String commandLine) {
        String line = commandLine.replace("\\\n", "");
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated single quote in " + commandLine);
                }
                word.append(line, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '$') {
                i = substitution(line, i, word);
            } else if ("|;&<>`(){}*?[]~#!".indexOf(c) >= 0) {
                throw new IllegalArgumentException("unsupported shell syntax '" + c + "' (quote it) in " + commandLine);
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static int doubleQuoted(String line, int start, StringBuilder word) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '$') {
                i = substitution(line, i, word);
            } else if (c == '`') {
                throw new IllegalArgumentException("unsupported shell syntax '`' in " + line);
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated double quote in " + line);
    }

    /** {@code $(printf 'TEXT' | base64 -w0)} at {@code start}; any other {@code $} is refused. */
    private static int substitution(String line, int start, StringBuilder word) {
        if (!line.startsWith("$(", start)) {
            throw new IllegalArgumentException("unsupported shell syntax: variables ('$') in " + line);
        }
        int end = start + 2;
        boolean quoted = false;
        while (end < line.length() && (quoted || line.charAt(end) != ')')) {
            quoted ^= line.charAt(end) == '\'';
            end++;
        }
        if (end >= line.length()) {
            throw new IllegalArgumentException("unterminated $( in " + line);
        }
        String inner = line.substring(start + 2, end);
        Matcher matcher = PRINTF_BASE64.matcher(inner);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unsupported command substitution $(" + inner + "): only"
                    + " $(printf '...' | base64 -w0) is run");
        }
        word.append(Base64.getEncoder().encodeToString(printf(matcher.group(1)).getBytes(StandardCharsets.UTF_8)));
        return end + 1;
    }

    /** bash's printf of a format without arguments, for the escapes the docs use. */
    static String printf(String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%') {
                if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
                    out.append('%');
                    i++;
                    continue;
                }
                throw new IllegalArgumentException("printf directives are not supported: " + format);
            }
            if (c != '\\' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char escape = format.charAt(++i);
            switch (escape) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    if (i + 4 >= format.length()) {
                        throw new IllegalArgumentException("\\u needs four hex digits: " + format);
                    }
                    out.append((char) Integer.parseInt(format.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unsupported printf escape \\" + escape + " in " + format);
            }
        }
        return out.toString();
    }
}
