package io.mtapi.harness.load;

import java.util.Arrays;
import java.util.Optional;

/**
 * The calls the load tier sends, each judged on its own. {@link #requestName()} names the request in
 * Gatling's report and in the summary, in the contract's words (method and path); {@link #key()} names
 * it in config ({@code load.thresholds.endpoints.<key>}).
 */
public enum Endpoint {
    LIST_USERS("listUsers", "GET /api/v1/users (list)"),
    PAGE_USERS("pageUsers", "GET /api/v1/users (page)"),
    GET_USER("getUser", "GET /api/v1/users/{id}"),
    UPDATE_USER("updateUser", "PUT /api/v1/users/{id}"),
    UPLOAD_FILE("uploadFile", "POST /api/v1/files/upload"),
    DOWNLOAD_FILE("downloadFile", "GET /api/v1/files/{id}"),
    DELETE_FILE("deleteFile", "DELETE /api/v1/files/{id}"),
    REFRESH_TOKEN("refreshToken", "POST /auth/refresh"),
    BULK_CREATE_USERS("bulkCreateUsers", "POST /api/v1/users/bulk");

    private final String key;
    private final String requestName;

    Endpoint(String key, String requestName) {
        this.key = key;
        this.requestName = requestName;
    }

    public String key() {
        return key;
    }

    public String requestName() {
        return requestName;
    }

    /** The endpoint of a request name in Gatling's results. */
    public static Optional<Endpoint> ofRequestName(String name) {
        return Arrays.stream(values()).filter(e -> e.requestName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return requestName;
    }
}
