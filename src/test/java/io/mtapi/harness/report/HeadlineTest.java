package io.mtapi.harness.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The headline a report groups by: one per defect, whatever case met it. */
@Tag("selftest")
class HeadlineTest {

    @Test
    @DisplayName("A case named before a check's claim about a call is set aside: the claim heads, the case opens the evidence")
    void caseBeforeACallsClaimIsSetAside() {
        String first = "download of a file named with SPACES: GET /api/v1/files/{file_id}: a download must be "
                + "Content-Disposition: attachment, never rendered inline (another type)\n  GET /api/v1/files/42 -> 200";
        String second = "download of the uploaded image/gif file: GET /api/v1/files/{file_id}: a download must be "
                + "Content-Disposition: attachment, never rendered inline (another type)";

        assertThat(Headline.of(first)).isEqualTo(Headline.of(second)).isEqualTo("GET /api/v1/files/{file_id}: a download "
                + "must be Content-Disposition: attachment, never rendered inline (another type)");
        assertThat(Headline.evidence(first)).isEqualTo("  case: download of a file named with SPACES\n  GET /api/v1/files/42 -> 200");
    }

    @Test
    @DisplayName("A marker stays at the head, and a call with no claim after it keeps the words that say what was tried")
    void markersAndBareCallsStay() {
        assertThat(Headline.of("Contract-gap finding 'allowHeaderOn405': PUT /api/v1/files/{id}: PUT /api/v1/files/{id} "
                + "(expected 405, got 404)"))
                .isEqualTo("Contract-gap finding 'allowHeaderOn405': PUT /api/v1/files/{id}: PUT /api/v1/files/{id} "
                        + "(expected 405, got 404)");
        assertThat(Headline.of("Contract-gap finding 'k': a member deletes a user: DELETE /api/v1/users/{user_id}: "
                + "another tenant's object must look like an unknown id (expected 404, got 403)"))
                .isEqualTo("Contract-gap finding 'k': DELETE /api/v1/users/{user_id}: another tenant's object must look "
                        + "like an unknown id (expected 404, got 403)");
        assertThat(Headline.of("tenant B reads tenant A's user: GET /api/v1/users/{user_id} (expected 404, got 200)"))
                .isEqualTo("tenant B reads tenant A's user: GET /api/v1/users/{user_id} (expected 404, got 200)");
        assertThat(Headline.evidence("tenant B reads tenant A's user: GET /api/v1/users/{user_id} (expected 404, got 200)"))
                .isEmpty();
    }

    @Test
    @DisplayName("An AssertJ description that goes on over several lines heads without its opening bracket")
    void openDescriptionLosesItsBracket() {
        assertThat(Headline.of("[a member (role user) reached admin data\n  GET /api/v1/admin/stats/ answered 200] \n"
                + "Expecting actual: ..."))
                .isEqualTo("a member (role user) reached admin data");
        assertThat(Headline.of("[tenant B read tenant A's user] expected 404, got 200"))
                .isEqualTo("tenant B read tenant A's user: expected 404, got 200");
    }
}
