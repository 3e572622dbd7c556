package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocPageTest {
    @Test
    void findsEachCurlOfAConsoleBlockWithItsOutputAndLine() {
        DocPage page = DocPage.parse("docs/p.md", """
                # P

                ```console
                $ curl -s -X PUT localhost:8080/a \\
                    -d '{"data":1}'
                {"result":true}

                $ curl -s localhost:8080/a
                {
                  "data": 1
                }
                ```
                """);

        assertThat(page.embedded()).isFalse();
        assertThat(page.examples()).extracting(DocPage.Example::line).containsExactly(4, 8);
        assertThat(page.examples()).extracting(DocPage.Example::command)
                .containsExactly("curl -s -X PUT localhost:8080/a \\\n    -d '{\"data\":1}'", "curl -s localhost:8080/a");
        assertThat(page.examples()).extracting(e -> e.output().text()).containsExactly("{\"result\":true}", "{\n  \"data\": 1\n}");
        assertThat(page.examples()).extracting(DocPage.Example::skipped).containsOnly(Optional.empty());
    }

    @Test
    void aSkipCommentSkipsEveryCurlOfTheNextBlockWithItsReason() {
        DocPage page = DocPage.parse("docs/p.md", """
                <!-- doc-runner: store embedded -->
                <!-- doc-runner: skip needs a token -->

                ```sh
                TOKEN=$(cat token)
                curl -H "Authorization: Bearer $TOKEN" localhost:8080/a
                ```
                """);

        assertThat(page.embedded()).isTrue();
        assertThat(page.examples()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.skipped()).contains("needs a token");
        });
    }

    @Test
    void blocksWithoutCurlAreNotExamples() {
        assertThat(DocPage.parse("docs/p.md", "```console\n$ bcs-storage get pods\nNAME\n```\n\n```json\n{}\n```\n").examples()).isEmpty();
    }

    @Test
    void refusesCurlThatWouldNotRunUnlessMarked() {
        assertThatThrownBy(() -> DocPage.parse("docs/p.md", "text\n\n```sh\ncurl localhost:8080/a\n```\n"))
                .hasMessageContaining("docs/p.md line 3: curl outside a console example");
        assertThatThrownBy(() -> DocPage.parse("docs/p.md", "```console\n$ curl localhost:8080/a\n{}\n$ kill %1\n```\n"))
                .hasMessageContaining("docs/p.md line 4: a console block with curl examples runs curl only");
        assertThatThrownBy(() -> DocPage.parse("docs/p.md", "<!-- doc-runner: skip -->\n```sh\ncurl x\n```\n"))
                .hasMessageContaining("unknown doc-runner comment 'skip'");
        assertThatThrownBy(() -> DocPage.parse("docs/p.md", "<!-- doc-runner: skip why -->\nprose\n```sh\ncurl x\n```\n"))
                .hasMessageContaining("docs/p.md line 2: a skip comment must stand right before a fenced block");
    }

    @Test
    void theDocsOfThisRepositoryParse() throws Exception {
        List<DocPage> pages = DocPage.readAll(Path.of("..", "docs"));

        assertThat(pages).extracting(DocPage::name).contains("docs/dynamic-data.md", "docs/queries.md", "docs/watch.md");
        assertThat(pages.stream().mapToLong(p -> p.examples().size() - p.skippedCount()).sum()).isGreaterThan(50);
    }
}
