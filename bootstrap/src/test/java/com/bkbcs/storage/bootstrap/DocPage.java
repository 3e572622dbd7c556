package com.bkbcs.storage.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The curl examples of one page of {@code docs/}, in the order they appear, as the doc runner
 * ({@code DocExamplesIT}) runs them.
 *
 * <p>An example is a {@code $ curl ...} line (continued on the next lines while it ends with
 * {@code \}) in a {@code ```console} block, followed by its output up to the next {@code $ } line
 * or the end of the block. A block with one such line runs only curl: another {@code $ } command
 * there is an error. Any other fenced block mentioning {@code curl} is an error too, unless the
 * line before its fence (blank lines aside) is {@code <!-- doc-runner: skip REASON -->}: then each
 * curl command of the block (a {@code $ }-prompted one in a console block) is a skipped example
 * with that reason.
 *
 * <p>A page runs against {@code serve --store memory}, unless it holds
 * {@code <!-- doc-runner: store embedded -->}: then against the embedded stores in a fresh data
 * directory. Any other {@code doc-runner} comment is an error.
 */
record DocPage(String name, boolean embedded, List<Example> examples) {
    private static final Pattern FENCE = Pattern.compile("```\\s*(\\S*)\\s*");
    private static final Pattern DIRECTIVE = Pattern.compile("<!--\\s*doc-runner:\\s*(.*?)\\s*-->");
    private static final Pattern SKIP = Pattern.compile("skip\\s+(\\S.*)");
    private static final Pattern CURL = Pattern.compile("(^|[\\s\"'(|;&])curl\\s");

    DocPage {
        examples = List.copyOf(examples);
    }

    /** One example: a curl command, where it stands, the output the doc shows, or why it is not run. */
    record Example(String page, int line, String command, DocOutput output, Optional<String> skipped) {
        @Override
        public String toString() {
            return page + " line " + line;
        }
    }

    static List<DocPage> readAll(Path docs) throws IOException {
        List<DocPage> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(docs)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList()) {
                pages.add(parse("docs/" + file.getFileName(), Files.readString(file)));
            }
        }
        if (pages.isEmpty()) {
            throw new IllegalStateException("no pages in " + docs.toAbsolutePath());
        }
        return pages;
    }

    static DocPage parse(String name, String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Example> examples = new ArrayList<>();
        boolean embedded = false;
        String pendingSkip = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher directive = DIRECTIVE.matcher(line.strip());
            if (directive.matches()) {
                Matcher skip = SKIP.matcher(directive.group(1));
                if (skip.matches()) {
                    pendingSkip = skip.group(1);
                } else if (directive.group(1).equals("store embedded")) {
                    embedded = true;
                } else {
                    throw new IllegalArgumentException(name + " line " + (i + 1) + ": unknown doc-runner comment '"
                            + directive.group(1) + "' (known: 'skip REASON', 'store embedded')");
                }
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                if (!line.isBlank() && pendingSkip != null) {
                    throw new IllegalArgumentException(name + " line " + (i + 1) + ": a skip comment must stand right before a"
                            + " fenced block");
                }
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + ": unclosed fenced block");
            }
            block(name, fence.group(1), i + 1, lines.subList(i + 1, end), Optional.ofNullable(pendingSkip), examples);
            pendingSkip = null;
            i = end;
        }
        return new DocPage(name, embedded, examples);
    }

    /** {@code firstLine}: the 0-based index of the block's first line in the page, i.e. the fence's 1-based number. */
    private static void block(String page, String info, int firstLine, List<String> block, Optional<String> skip,
                              List<Example> examples) {
        boolean console = info.equals("console");
        boolean curlExamples = console && block.stream().anyMatch(l -> l.startsWith("$ curl "));
        boolean mentionsCurl = block.stream().anyMatch(l -> CURL.matcher(l).find());
        if (!mentionsCurl) {
            return;
        }
        if (!curlExamples && skip.isEmpty()) {
            throw new IllegalArgumentException(page + " line " + firstLine + ": curl outside a console example; write it"
                    + " as a ```console block ('$ curl ...', then the output) or put '<!-- doc-runner: skip REASON -->'"
                    + " before the block");
        }
        if (!curlExamples) {
            for (int i = 0; i < block.size(); i++) {
                if (CURL.matcher(block.get(i)).find()) {
                    examples.add(new Example(page, firstLine + 1 + i, block.get(i).strip(), new DocOutput(""), skip));
                }
            }
            return;
        }
        for (int i = 0; i < block.size(); ) {
            String line = block.get(i);
            if (!line.startsWith("$ ")) {
                if (!line.isBlank()) {
                    throw new IllegalArgumentException(page + " line " + (firstLine + 1 + i) + ": output before any command");
                }
                i++;
                continue;
            }
            int start = i;
            StringBuilder command = new StringBuilder(line.substring(2));
            while (block.get(i).endsWith("\\") && i + 1 < block.size()) {
                command.append('\n').append(block.get(++i));
            }
            if (!command.toString().startsWith("curl ")) {
                throw new IllegalArgumentException(page + " line " + (firstLine + 1 + start) + ": a console block with curl"
                        + " examples runs curl only, not '" + line + "'; move it out or mark the block skip");
            }
            int output = ++i;
            while (i < block.size() && !block.get(i).startsWith("$ ")) {
                i++;
            }
            examples.add(new Example(page, firstLine + 1 + start, command.toString(),
                    new DocOutput(String.join("\n", block.subList(output, i))), skip));
        }
    }

    long skippedCount() {
        return examples.stream().filter(e -> e.skipped().isPresent()).count();
    }
}
