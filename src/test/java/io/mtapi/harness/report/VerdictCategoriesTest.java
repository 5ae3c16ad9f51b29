package io.mtapi.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failed headline lands in exactly one category, a parity run's findings included. */
@Tag("selftest")
@DisplayName("Report categories are mutually exclusive")
class VerdictCategoriesTest {

    @Test
    @DisplayName("A failed headline matches one category: a violation, a gap finding, or a parity finding (not both)")
    void failedHeadlinesMatchOneCategory() throws Exception {
        JsonNode categories = new ObjectMapper().readTree(Verdict.categoriesJson());
        List<String> headlines = new ArrayList<>(List.of("GET /api/v1/users/{user_id} (expected 404, got 200)",
                "Contract-gap finding 'docsUi': /docs serves an interactive UI"));
        Verdict.PARITY_FAILED_MARKERS.forEach(marker -> headlines.add(marker + "something changed"));

        for (String headline : headlines) {
            long matching = 0;
            for (JsonNode category : categories) {
                boolean failedStatus = category.path("matchedStatuses").toString().contains("\"failed\"");
                String regex = category.path("messageRegex").asText(null);
                if (failedStatus && regex != null && Pattern.compile(regex).matcher(headline).matches()) {
                    matching++;
                }
            }
            boolean parity = Verdict.PARITY_FAILED_MARKERS.stream().anyMatch(headline::startsWith);
            assertThat(matching).as("categories of the contract run matching the failed headline '%s'", headline)
                    .isEqualTo(parity ? 0 : 1);
        }
    }
}
