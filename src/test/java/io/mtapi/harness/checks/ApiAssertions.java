package io.mtapi.harness.checks;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
import org.assertj.core.api.Assertions;

/**
 * The one static import a suite needs: AssertJ plus the contract's own assertions.
 *
 * <pre>{@code
 * import static io.mtapi.harness.checks.ApiAssertions.assertThat;
 * assertThat(response).isCreated();
 * assertThat(user).belongsTo(tenant).isActive();
 * assertThat(page).hasConsistentMetadata();
 * }</pre>
 */
public class ApiAssertions extends Assertions {

    protected ApiAssertions() {
    }

    public static ResponseAssert assertThat(ApiResponse actual) {
        return new ResponseAssert(actual);
    }

    public static UserAssert assertThat(User actual) {
        return new UserAssert(actual);
    }

    public static FileAssert assertThat(FileMetadata actual) {
        return new FileAssert(actual);
    }

    public static PageAssert assertThat(Page<?> actual) {
        return new PageAssert(actual);
    }
}
