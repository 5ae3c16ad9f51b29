package io.mtapi.harness.reference;

import java.util.List;
import java.util.Map;

/**
 * An error answer: status, the {@code detail} value (a string, or the list of validation issues for 422),
 * and headers the answer must carry. Thrown from anywhere in a handler and rendered in one place.
 */
final class ApiError extends RuntimeException {
    final int status;
    final transient Object detail;
    final transient Map<String, String> headers;

    ApiError(int status, Object detail, Map<String, String> headers) {
        this(status, detail, headers, null);
    }

    private ApiError(int status, Object detail, Map<String, String> headers, Throwable cause) {
        super(String.valueOf(detail), cause, false, false); // control flow, not a bug: no stack trace
        this.status = status;
        this.detail = detail;
        this.headers = Map.copyOf(headers);
    }

    /** The same answer, remembering the exception behind it (for the server's side, never for the caller). */
    ApiError causedBy(Throwable cause) {
        return new ApiError(status, detail, headers, cause);
    }

    static ApiError of(int status, String detail) {
        return new ApiError(status, detail, Map.of());
    }

    /** Every 401 carries the challenge (RFC 6750), whatever the reason. */
    static ApiError unauthorized(String detail) {
        return new ApiError(401, detail, Map.of("WWW-Authenticate", "Bearer"));
    }

    static ApiError invalid(List<Map<String, Object>> issues) {
        return new ApiError(422, List.copyOf(issues), Map.of());
    }

    static ApiError invalid(List<Object> loc, String msg, String type) {
        return invalid(List.of(Validation.issue(loc, msg, type)));
    }
}
