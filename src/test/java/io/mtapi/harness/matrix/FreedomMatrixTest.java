package io.mtapi.harness.matrix;

import io.mtapi.harness.config.ConfigLoader;
import io.mtapi.harness.reference.Freedom;
import io.mtapi.harness.suites.Tags;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness never cries wolf: with each freedom of the catalogue on, and with all of them at once, every
 * contract suite passes against the reference, apart from the contract-gap findings a freedom declares.
 * Writes {@code target/freedom-matrix.md} and attaches it to the report.
 */
@Tag("selftest")
@Isolated("runs every suite once per freedom against reference targets; must not compete with other self-tests for the 2 cores")
@DisplayName("Freedom matrix")
class FreedomMatrixTest {

    private static final Logger LOG = LoggerFactory.getLogger(FreedomMatrixTest.class);
    private static final Path REPORT = Path.of(System.getProperty("harness.projectDir", "."), "target", "freedom-matrix.md");

    @Test
    @DisplayName("The catalogue has at least 25 freedoms covering every suite tag, each one line, each declared gap a gaps key")
    void catalogueCoversEverySuite() {
        Map<String, Long> perTag = Arrays.stream(Freedom.values())
                .collect(Collectors.groupingBy(Freedom::tag, Collectors.counting()));
        Set<String> gapKeys = ConfigLoader.fromSystem().load("embedded").gaps().keySet();

        assertThat(Freedom.values()).as("freedoms in the catalogue").hasSizeGreaterThanOrEqualTo(25);
        assertThat(perTag.keySet()).as("tags the freedoms cover").containsExactlyInAnyOrderElementsOf(Tags.SUITES);
        assertThat(Freedom.values()).allSatisfy(freedom -> {
            assertThat(freedom.description()).as("description of %s", freedom).isNotBlank().doesNotContain("\n");
            assertThat(gapKeys).as("gaps keys in config/base.conf, for the findings %s provokes", freedom)
                    .containsAll(freedom.provokes());
        });
    }

    @Test
    @DisplayName("With each freedom on, and with all at once, every suite passes: no test cries wolf")
    void noTestCriesWolfForAChoiceTheContractAllows() throws IOException {
        FreedomMatrix.Result result = new FreedomMatrix(3).run(List.of(Freedom.values()));

        String markdown = result.markdown();
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, markdown);
        Allure.addAttachment("Freedom matrix", "text/markdown", markdown, ".md");
        LOG.info("Freedom matrix: {} freedoms allowed in {} s; written to {}", result.score(),
                result.elapsed().toSeconds(), REPORT);
        assertThat(result.failing())
                .as("freedoms some test failed a correct deployment for (see %s): %s", REPORT, result.failing().stream()
                        .map(row -> row.name() + " (" + row.wolves().stream().map(SuiteRun.Failure::name)
                                .collect(Collectors.joining("; ")) + ")")
                        .collect(Collectors.joining(", ")))
                .isEmpty();
        assertThat(result.rows()).as("rows whose declared contract-gap findings no test provoked (the catalogue "
                        + "claims more than the suites show)")
                .filteredOn(row -> !row.declaredButNotProvoked().isEmpty())
                .extracting(FreedomMatrix.Row::name).isEmpty();
    }
}
