package io.mtapi.harness.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.mtapi.harness.api.Json;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.LoadTenant;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyLength;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.ByteArrayBodyPart;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The load tier's calls as Gatling requests, one per {@link Endpoint}, each with the status the contract
 * promises. Every request first checks that it was not refused with 429, so a 429 is a failed request
 * of its own kind in Gatling's report ("status.find.not(429)"), counted apart from the other statuses
 * the scenario did not expect. Bodies come from the harness's data factories.
 */
final class Requests {

    static final int PAGE_SIZE = 5;

    private static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer #{" + LoadFixture.ACCESS_TOKEN + "}";
    /** Session keys an iteration sets before its calls. */
    private static final String TARGET_USER = "targetUserId";
    private static final String UPDATED_USER = "updatedUserId";
    private static final String PAGE = "page";
    private static final String SAMPLE = "sample";
    private static final String FILE_ID = "fileId";
    private static final String DELETED = "deleteStatus";
    private static final String CREATED = "createdUserIds";
    private static final int SAMPLES = 16;

    /** Small text files from the data factory, made once: a file's content does not change what is measured. */
    private static final List<SampleFile> SAMPLE_FILES = java.util.stream.IntStream.range(0, SAMPLES)
            .mapToObj(i -> SampleFiles.text()).toList();

    /** The calls every iteration of the mix sends once (the listing alternates with a page). */
    static final List<Endpoint> ONCE_PER_ITERATION = List.of(Endpoint.GET_USER, Endpoint.UPDATE_USER,
            Endpoint.UPLOAD_FILE, Endpoint.DOWNLOAD_FILE, Endpoint.DELETE_FILE);

    private Requests() {
    }

    /** 429 first: its own error message in Gatling's results, so the report step counts it apart. */
    private static CheckBuilder notTooMany() {
        return status().not(429);
    }

    private static HttpRequestActionBuilder authorized(HttpRequestActionBuilder request) {
        return request.header(AUTHORIZATION, BEARER);
    }

    /**
     * One iteration of the realistic mix for a caller: a user listing (a page of it every other
     * iteration), a user read, a user update (an admin updates a data user, a member itself), a small
     * upload, its download and its deletion. Each budget (method + concrete path) gets at most one call.
     *
     * @param counter the loop's counter: even iterations list, odd ones page
     */
    static ChainBuilder iteration(String counter) {
        return exec(Requests::prepare)
                .doIfOrElse(session -> session.getInt(counter) % 2 == 0).then(exec(listUsers())).orElse(exec(pageUsers()))
                .exec(getUser())
                .exec(updateUser())
                .exec(uploadFile())
                .doIf(session -> session.contains(FILE_ID)).then(exec(Requests::trackUpload)
                        .exec(downloadFile())
                        .exec(deleteFile())
                        .exec(Requests::trackDeletion));
    }

    /** An admin's token refresh: the rotated pair replaces the caller's tokens. */
    static ChainBuilder refresh() {
        return exec(authorized(http(Endpoint.REFRESH_TOKEN.requestName()).post("/auth/refresh"))
                .body(StringBody(session -> Json.write(Map.of("refresh_token", session.getString(LoadFixture.REFRESH_TOKEN)))))
                .asJson()
                .check(notTooMany(), status().is(200),
                        jsonPath("$.access_token").saveAs(LoadFixture.ACCESS_TOKEN),
                        jsonPath("$.refresh_token").saveAs(LoadFixture.REFRESH_TOKEN)));
    }

    /** A bulk creation of {@code size} users from the data factory; what it creates goes under the tenant's clean-up. */
    static ChainBuilder bulkCreate(int size) {
        return exec(authorized(http(Endpoint.BULK_CREATE_USERS.requestName()).post("/api/v1/users/bulk"))
                .body(StringBody(session -> Json.write(Users.valid(size))))
                .asJson()
                .check(notTooMany(), status().is(201), jsonPath("$[*].id").findAll().saveAs(CREATED)))
                .exec(session -> {
                    if (session.contains(CREATED)) {
                        session.<String>getList(CREATED).forEach(tenant(session).tracker()::userCreated);
                    }
                    return session.remove(CREATED);
                });
    }

    private static Session prepare(Session session) {
        LoadTenant tenant = tenant(session);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> users = tenant.userIds();
        String self = session.getString(LoadFixture.CALLER_ID);
        // An admin changes the tenant's data users; a member changes only itself (the contract leaves
        // a member changing others to each deployment: gaps.memberCannotUpdateOthers).
        String updated = session.getBoolean(LoadFixture.ADMIN) && !tenant.dataUserIds().isEmpty()
                ? tenant.dataUserIds().get(random.nextInt(tenant.dataUserIds().size())) : self;
        int pages = Math.max(1, (users.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        return session.remove(FILE_ID).remove(DELETED)
                .set(TARGET_USER, users.get(random.nextInt(users.size())))
                .set(UPDATED_USER, updated)
                .set(PAGE, 1 + random.nextInt(pages))
                .set(SAMPLE, SAMPLE_FILES.get(random.nextInt(SAMPLE_FILES.size())));
    }

    private static LoadTenant tenant(Session session) {
        return (LoadTenant) session.get(LoadFixture.TENANT);
    }

    private static SampleFile sample(Session session) {
        return (SampleFile) session.get(SAMPLE);
    }

    private static HttpRequestActionBuilder listUsers() {
        return authorized(http(Endpoint.LIST_USERS.requestName()).get("/api/v1/users"))
                .check(notTooMany(), status().is(200));
    }

    private static HttpRequestActionBuilder pageUsers() {
        return authorized(http(Endpoint.PAGE_USERS.requestName()).get("/api/v1/users"))
                .queryParam("page", "#{" + PAGE + "}").queryParam("page_size", PAGE_SIZE)
                .check(notTooMany(), status().is(200));
    }

    private static HttpRequestActionBuilder getUser() {
        return authorized(http(Endpoint.GET_USER.requestName()).get("/api/v1/users/#{" + TARGET_USER + "}"))
                .check(notTooMany(), status().is(200));
    }

    private static HttpRequestActionBuilder updateUser() {
        return authorized(http(Endpoint.UPDATE_USER.requestName()).put("/api/v1/users/#{" + UPDATED_USER + "}"))
                .body(StringBody(session -> Json.write(Map.of("full_name", Users.valid().fullName()))))
                .asJson()
                .check(notTooMany(), status().is(200));
    }

    private static HttpRequestActionBuilder uploadFile() {
        return authorized(http(Endpoint.UPLOAD_FILE.requestName()).post("/api/v1/files/upload"))
                .bodyPart(ByteArrayBodyPart("file", session -> sample(session).bytes())
                        .fileName(session -> sample(session).filename())
                        .contentType(session -> sample(session).contentType()))
                .asMultipartForm()
                .check(notTooMany(), status().is(201), jsonPath("$.id").saveAs(FILE_ID));
    }

    /** The download must carry exactly the bytes uploaded: as many as the sample has. */
    private static HttpRequestActionBuilder downloadFile() {
        return authorized(http(Endpoint.DOWNLOAD_FILE.requestName()).get("/api/v1/files/#{" + FILE_ID + "}"))
                .check(notTooMany(), status().is(200), bodyLength().is(session -> (int) sample(session).size()));
    }

    private static HttpRequestActionBuilder deleteFile() {
        return authorized(http(Endpoint.DELETE_FILE.requestName()).delete("/api/v1/files/#{" + FILE_ID + "}"))
                .check(status().saveAs(DELETED), notTooMany(), status().is(204));
    }

    private static Session trackUpload(Session session) {
        tenant(session).tracker().fileUploaded(session.getString(FILE_ID));
        return session;
    }

    private static Session trackDeletion(Session session) {
        if (session.contains(DELETED) && session.getInt(DELETED) == 204) {
            tenant(session).tracker().fileDeleted(session.getString(FILE_ID));
        }
        return session;
    }
}
