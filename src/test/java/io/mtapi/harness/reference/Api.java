package io.mtapi.harness.reference;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The handlers of CONTRACT.md sections 2-7, and the JSON shapes they answer with. */
final class Api {
    static final String VERSION = "0.1.0-reference";
    static final int MAX_FAILED_LOGINS = 5;
    static final Duration FAILED_LOGIN_WINDOW = Duration.ofMinutes(15);
    private static final List<Object> BODY = List.of("body");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIMESTAMP_NUMERIC_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
    private static final Duration SLOW_HASH = Duration.ofMillis(15);
    private static final java.util.Set<String> USER_CREATE_FIELDS = java.util.Set.of("username", "email", "full_name", "role");
    private static final java.util.Set<String> USER_UPDATE_FIELDS = java.util.Set.of("email", "full_name");
    // $2b$ like Python's bcrypt; passwords over 72 bytes are truncated (as bcrypt always did) rather than rejected.
    private static final BCrypt.Version BCRYPT = BCrypt.Version.VERSION_2B;

    /** The authenticated caller: the stored user (the source of truth for role) and the token presented. */
    record Caller(Store.User user, Tokens.Claims token) {
        String tenantId() {
            return user.tenantId();
        }
    }

    private final ReferenceSettings settings;
    private final ObjectMapper json;
    private final Store store;
    private final Tokens tokens;
    private final SecureRandom random = new SecureRandom();
    private final byte[] uploadBuffer; // only with Fault.CONCURRENCY_UPLOAD_SHARED_BUFFER
    private final String dummyHash; // compared against for unknown usernames, so both failures cost the same
    // Failed logins per submitted username (known or not, so throttling tells nothing about existence).
    private final Map<String, ArrayDeque<Instant>> failedLogins = new ConcurrentHashMap<>();
    private volatile Store.Stats cached; // only under RBAC_ADMIN_STATS_CACHED
    private volatile Instant cachedAt = Instant.MIN;
    private final Object hasher = new Object(); // only under Freedom.PASSWORDS_HASHED_ONE_AT_A_TIME

    private final RaceWindow races;

    Api(ReferenceSettings settings, ObjectMapper json, Store store, Tokens tokens, RaceWindow races) {
        this.settings = settings;
        this.races = races;
        this.json = json;
        this.store = store;
        this.tokens = tokens;
        this.dummyHash = hash(randomSecret());
        this.uploadBuffer = on(Fault.CONCURRENCY_UPLOAD_SHARED_BUFFER) ? new byte[(int) settings.maxFileBytes() + 1] : null;
    }

    /** Faults are checked where the defect would live: {@code if (on(Fault.X)) ...}. */
    private boolean on(Fault fault) {
        return settings.faults().contains(fault);
    }

    /** Freedoms are checked where the choice is made: {@code if (takes(Freedom.X)) ...}. */
    boolean takes(Freedom freedom) {
        return settings.freedoms().contains(freedom);
    }

    // ---- health and auth ----

    void health(Context ctx) {
        String now = on(Fault.HEALTH_TIMESTAMP_WITHOUT_OFFSET) ? java.time.LocalDateTime.now().toString() : timestamp(Instant.now());
        send(ctx, 200, ordered("status", "healthy", "timestamp", now,
                "environment", "embedded", "version", VERSION));
    }

    void register(Context ctx) {
        if (!settings.registrationOpen()) throw ApiError.of(403, "Registration is closed: tenants are created by the operators");
        JsonNode body = Validation.object(Validation.body(ctx, json), BODY);
        var v = new Validation();
        String tenantName = v.string(body, BODY, "tenant_name", 3, 50, true);
        String email = v.email(body, BODY, "admin_email", true);
        String username = v.string(body, BODY, "admin_username", 3, 50, true);
        int minPassword = on(Fault.REGISTER_PASSWORD_MIN_7) ? 7 : 8;
        String password = v.string(body, BODY, "admin_password", minPassword, Integer.MAX_VALUE, true);
        v.throwIfAny();
        Store.User admin = store.register(tenantName, username, email, hash(password));
        send(ctx, 201, ordered("message", "Tenant registered successfully",
                "tenant_id", admin.tenantId(), "admin_user_id", admin.id()));
    }

    void login(Context ctx) {
        JsonNode body = Validation.object(Validation.body(ctx, json), BODY);
        if (on(Fault.AUTH_LOGIN_MISSING_FIELD_CRASHES)) body.get("password").asText(); // NPE: 500 instead of 422
        var v = new Validation();
        String username = v.string(body, BODY, "username", 0, Integer.MAX_VALUE, true);
        String password = v.string(body, BODY, "password", 0, Integer.MAX_VALUE, true);
        v.throwIfAny();
        requireLoginAttemptsLeft(username);
        Store.User user = store.userByUsername(username).orElse(null);
        boolean matches = verifyPassword(password, user != null ? user.passwordHash() : dummyHash);
        if (user == null || !matches) {
            if (!on(Fault.SECURITY_NO_LOGIN_THROTTLING)) recordFailedLogin(username);
            if (user == null && on(Fault.AUTH_LOGIN_REVEALS_UNKNOWN_USER)) throw ApiError.unauthorized("User not found");
            throw ApiError.unauthorized("Incorrect username or password");
        }
        failedLogins.remove(username);
        if (!user.active() && !on(Fault.AUTH_DEACTIVATED_CAN_LOGIN)) throw ApiError.of(403, "Inactive user");
        send(ctx, 200, tokens.issuePair(user));
    }

    /**
     * Password guessing (OWASP API2; the contract is silent): after {@value #MAX_FAILED_LOGINS} failures
     * for one username within {@link #FAILED_LOGIN_WINDOW}, further attempts answer 429 with Retry-After
     * without checking the password, until the oldest failure leaves the window. A success resets the count.
     */
    private void requireLoginAttemptsLeft(String username) {
        ArrayDeque<Instant> failures = failedLogins.get(username);
        if (failures == null) return;
        synchronized (failures) {
            Instant now = Instant.now();
            while (!failures.isEmpty() && failures.peekFirst().plus(FAILED_LOGIN_WINDOW).isBefore(now)) failures.pollFirst();
            if (failures.size() >= MAX_FAILED_LOGINS) {
                long retryAfter = Math.max(1, Duration.between(now, failures.peekFirst().plus(FAILED_LOGIN_WINDOW)).toSeconds());
                throw new ApiError(429, "Too many failed login attempts, try again later",
                        Map.of("Retry-After", String.valueOf(retryAfter)));
            }
        }
    }

    private void recordFailedLogin(String username) {
        ArrayDeque<Instant> failures = failedLogins.computeIfAbsent(username, k -> new ArrayDeque<>());
        synchronized (failures) {
            failures.addLast(Instant.now());
        }
    }

    void refresh(Context ctx) {
        JsonNode body = Validation.object(Validation.body(ctx, json), BODY);
        var v = new Validation();
        String token = v.string(body, BODY, "refresh_token", 0, Integer.MAX_VALUE, true);
        v.throwIfAny();
        Tokens.Claims claims = tokens.verify(token, Tokens.REFRESH);
        Store.User user = activeUser(claims);
        if (!on(Fault.AUTH_REFRESH_NOT_ROTATED) && !tokens.revoke(claims)) {
            throw Tokens.invalid(); // rotation: a refresh token works once
        }
        send(ctx, 200, tokens.issuePair(user));
    }

    void logout(Context ctx) {
        Tokens.Claims presented = authenticate(ctx).token();
        if (on(Fault.AUTH_LOGOUT_ENDS_ALL_SESSIONS)) tokens.revokeAllOf(presented.userId());
        else if (!on(Fault.AUTH_LOGOUT_DOES_NOT_REVOKE)) tokens.revoke(presented);
        send(ctx, 200, ordered("message", "Successfully logged out"));
    }

    /** Bearer access token to caller, or 401. */
    Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (on(Fault.SECURITY_TOKEN_IN_QUERY_ACCEPTED) && header == null && ctx.queryParam("access_token") != null) {
            header = "Bearer " + ctx.queryParam("access_token"); // "for download links opened in a browser"
        }
        if (header == null || header.isBlank()) throw ApiError.unauthorized("Not authenticated");
        String[] parts = header.strip().split(" ", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("bearer") || parts[1].isEmpty() || parts[1].contains(" ")) {
            throw ApiError.unauthorized("Invalid authentication credentials");
        }
        Tokens.Claims claims = tokens.verify(parts[1], Tokens.ACCESS);
        if (takes(Freedom.SIGNED_CLAIMS_TRUSTED)) return new Caller(claimedUser(claims), claims);
        return new Caller(activeUser(claims), claims);
    }

    /**
     * Stateless trust ("Token trust" in the contract): who the caller is, which tenant it acts in and its role
     * are what the token the target signed says. Only the two state changes that end access are looked up:
     * a deactivated account is refused (logout is the denylist of {@link Tokens}).
     */
    private Store.User claimedUser(Tokens.Claims claims) {
        Store.User stored = store.user(claims.userId()).orElse(null);
        if (stored != null && !stored.active()) throw Tokens.invalid();
        String role = "admin".equals(claims.role()) ? "admin" : "user";
        return stored != null
                ? new Store.User(stored.id(), claims.tenantId(), stored.username(), stored.email(), stored.fullName(), role,
                        stored.passwordHash(), stored.createdAt(), stored.updatedAt(), true)
                : new Store.User(claims.userId(), claims.tenantId(), claims.userId(), null, null, role, null,
                        Instant.now(), Instant.now(), true);
    }

    /** The token's user, if it still exists, is active and is in the token's tenant. */
    private Store.User activeUser(Tokens.Claims claims) {
        boolean activeChecked = !on(Fault.AUTH_DEACTIVATED_TOKENS_STAY_VALID);
        return store.user(claims.userId())
                .filter(u -> (u.active() || !activeChecked)
                        && u.tenantId().equals(claims.tenantId()))
                .orElseThrow(Tokens::invalid);
    }

    // ---- users ----

    void listUsers(Context ctx, Caller caller) {
        var v = new Validation();
        int page = pageParam(v, ctx);
        int size = pageSizeParam(v, ctx);
        boolean activeOnly = v.queryBool(ctx, "active_only", !on(Fault.USERS_LIST_INCLUDES_INACTIVE));
        v.throwIfAny();
        send(ctx, 200, pageJson(store.users(caller.tenantId(), activeOnly, page, size), this::userJson));
    }

    private int pageParam(Validation v, Context ctx) {
        if (on(Fault.PAGINATION_PAGE_BELOW_ONE_SERVED)) {
            return Math.max(1, v.queryInt(ctx, "page", 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        return v.queryInt(ctx, "page", 1, 1, Integer.MAX_VALUE);
    }

    private int pageSizeParam(Validation v, Context ctx) {
        if (takes(Freedom.PAGE_SIZE_CLAMPED)) {
            return Math.min(settings.maxPageSize(), v.queryInt(ctx, "page_size", 20, 1, Integer.MAX_VALUE));
        }
        int max = on(Fault.PAGINATION_PAGE_SIZE_UNBOUNDED) ? Integer.MAX_VALUE : settings.maxPageSize();
        return v.queryInt(ctx, "page_size", 20, 1, max);
    }

    void createUser(Context ctx, Caller caller) {
        JsonNode body = Validation.object(on(Fault.ROBUSTNESS_MALFORMED_JSON_500) ? bareJson(ctx) : Validation.body(ctx, json), BODY);
        var v = new Validation();
        Store.NewUser candidate = newUser(v, body, BODY);
        v.throwIfAny();
        String tenantId = on(Fault.ISOLATION_CREATE_USER_TAKES_BODY_TENANT) && body.path("tenant_id").isTextual()
                ? body.get("tenant_id").textValue() : caller.tenantId();
        if (!on(Fault.RBAC_MEMBER_CAN_CREATE_ADMIN)) requireMayGrant(caller, List.of(candidate));
        store.requireAvailable(tenantId, List.of(candidate));
        Store.User created = store.createUsers(tenantId, List.of(candidate.withPasswordHash(hash(initialPassword())))).get(0);
        send(ctx, 201, userJson(created));
    }

    void bulkCreateUsers(Context ctx, Caller caller) {
        JsonNode body = Validation.body(ctx, json);
        if (!body.isArray()) throw ApiError.invalid(BODY, "Input should be a valid list", "list_type");
        if (body.size() > 50 && !on(Fault.USERS_BULK_LIMIT_NOT_ENFORCED)) {
            throw ApiError.of(400, "Cannot create more than 50 users at once");
        }
        if (body.isEmpty() && takes(Freedom.EMPTY_BULK_REFUSED)) {
            throw ApiError.invalid(BODY, "List should have at least 1 item after validation, not 0", "too_short");
        }
        var v = new Validation();
        var candidates = new ArrayList<Store.NewUser>();
        for (int i = 0; i < body.size(); i++) {
            List<Object> at = List.of("body", i);
            if (body.get(i).isObject()) candidates.add(newUser(v, body.get(i), at));
            else v.add(at, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type");
        }
        v.throwIfAny();
        if (!on(Fault.RBAC_BULK_SKIPS_ROLE_CHECK)) requireMayGrant(caller, candidates);
        if (!on(Fault.USERS_BULK_PARTIAL_CREATE_ON_CONFLICT)) {
            store.requireAvailable(caller.tenantId(), candidates); // fail fast before hashing; re-checked under the store's lock
        }
        // Hashing is the slow part, so it runs concurrently; creation itself is one atomic step.
        List<Store.NewUser> hashed = candidates.parallelStream().map(c -> c.withPasswordHash(hash(initialPassword()))).toList();
        List<Map<String, Object>> created = new ArrayList<>();
        if (on(Fault.ISOLATION_BULK_TAKES_ITEM_TENANT)) { // "an import may name each user's tenant"
            for (int i = 0; i < hashed.size(); i++) {
                JsonNode named = body.get(i).path("tenant_id");
                store.createUsers(named.isTextual() ? named.textValue() : caller.tenantId(), List.of(hashed.get(i)))
                        .forEach(u -> created.add(userJson(u)));
            }
        } else {
            store.createUsers(caller.tenantId(), hashed).forEach(u -> created.add(userJson(u)));
        }
        if (takes(Freedom.BULK_ANSWER_IN_ANOTHER_ORDER)) java.util.Collections.reverse(created);
        send(ctx, 201, created);
    }

    /** What a handler gets from parsing the body without the validation layer: any parse error escapes. */
    private JsonNode bareJson(Context ctx) {
        try {
            return json.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Store.NewUser newUser(Validation v, JsonNode obj, List<Object> at) {
        JsonNode name = obj.get("username");
        if (on(Fault.ROBUSTNESS_WRONG_TYPE_500) && name != null && !name.isNull()) { // "normalise" before validating
            ((ObjectNode) obj).put("username", ((String) json.convertValue(name, Object.class)).strip());
        }
        // Only these fields are read: id, tenant_id, is_active, password... in the body never take effect.
        if (takes(Freedom.UNKNOWN_FIELDS_REFUSED)) v.onlyFields(obj, at, USER_CREATE_FIELDS);
        return new Store.NewUser(v.string(obj, at, "username", 3, 50, true), v.email(obj, at, "email", true),
                v.string(obj, at, "full_name", 1, on(Fault.USERS_FULL_NAME_MAX_NOT_ENFORCED) ? Integer.MAX_VALUE : 100, true),
                v.role(obj, at), null);
    }

    /*
     * Function-level authorization (CONTRACT.md section 9, OWASP API5:2023). The contract's users table
     * restricts no call by role; the harness reads section 9 as: a role-user caller may read users, create
     * plain users and change or deactivate itself, but granting the admin role and changing or deactivating
     * OTHER users takes an admin (403). Another tenant's id stays a 404: tenant scoping is checked first.
     */
    private static void requireMayGrant(Caller caller, List<Store.NewUser> candidates) {
        if (!caller.user().isAdmin() && candidates.stream().anyMatch(c -> "admin".equals(c.role()))) {
            throw ApiError.of(403, "Admin access required to grant role admin");
        }
    }

    private static void requireSelfOrAdmin(Caller caller, Store.User target) {
        if (!caller.user().isAdmin() && !target.id().equals(caller.user().id())) {
            throw ApiError.of(403, "Admin access required to change other users");
        }
    }

    void getUser(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        Store.User user = on(Fault.ISOLATION_USER_GET_NO_TENANT_FILTER)
                ? store.user(id).orElseThrow(() -> ApiError.of(404, "User not found"))
                : store.userInTenant(caller.tenantId(), id);
        Map<String, Object> view = userJson(user);
        if (on(Fault.USERS_RESPONSE_LEAKS_PASSWORD_HASH)) view.put("hashed_password", user.passwordHash());
        send(ctx, 200, view);
    }

    void updateUser(Context ctx, Caller caller) {
        JsonNode body = Validation.object(Validation.body(ctx, json), BODY);
        var v = new Validation();
        String email = v.email(body, BODY, "email", false);
        String fullName = v.string(body, BODY, "full_name", 1, 100, false);
        // Only email and full_name are bound: role, tenant_id, is_active... in the body never take effect.
        if (takes(Freedom.UNKNOWN_FIELDS_REFUSED)) v.onlyFields(body, BODY, USER_UPDATE_FIELDS);
        String role = on(Fault.USERS_PUT_ALLOWS_ROLE_CHANGE) && body.has("role") ? v.role(body, BODY) : null;
        v.throwIfAny();
        String id = ctx.pathParam("id");
        String scope = on(Fault.ISOLATION_USER_PUT_NO_TENANT_FILTER)
                ? store.user(id).map(Store.User::tenantId).orElse(caller.tenantId()) : caller.tenantId();
        Store.User target = store.userInTenant(scope, id);
        if (!on(Fault.RBAC_MEMBER_CAN_UPDATE_OTHERS)) requireSelfOrAdmin(caller, target);
        send(ctx, 200, userJson(store.update(scope, target.id(), email, fullName, role)));
    }

    void deleteUser(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        String scope = on(Fault.ISOLATION_USER_DELETE_NO_TENANT_FILTER)
                ? store.user(id).map(Store.User::tenantId).orElse(caller.tenantId()) : caller.tenantId();
        Store.User target = store.userInTenant(scope, id);
        if (!on(Fault.RBAC_MEMBER_CAN_DELETE_OTHERS)) requireSelfOrAdmin(caller, target);
        store.deactivate(scope, target.id());
        noContent(ctx);
    }

    // ---- files ----

    void upload(Context ctx, Caller caller) {
        UploadedFile part = null;
        if (ctx.isMultipartFormData()) {
            try {
                part = ctx.uploadedFile("file");
            } catch (Exception e) { // Jetty's ServletException arrives undeclared through Kotlin
                throw multipartFailure(e);
            }
        }
        if (part == null && !on(Fault.FILES_MISSING_PART_500)) {
            throw ApiError.invalid(List.of("body", "file"), "Field required", "missing");
        }
        String type = baseType(part.contentType());
        boolean allowed = on(Fault.FILES_TYPE_CHECKED_BY_MAJOR_TYPE)
                ? settings.allowedContentTypes().stream().anyMatch(a -> a.split("/")[0].equalsIgnoreCase(type.split("/")[0]))
                : settings.allowedContentTypes().stream().anyMatch(type::equalsIgnoreCase);
        if (!allowed) {
            throw ApiError.of(415, "File type not allowed: " + type);
        }
        byte[] content;
        try (var in = part.content()) {
            content = on(Fault.CONCURRENCY_UPLOAD_SHARED_BUFFER) ? readIntoSharedBuffer(in)
                    : in.readNBytes((int) settings.maxFileBytes() + 1); // one byte more tells "too large"
        } catch (IOException e) {
            throw multipartFailure(e);
        }
        if (content.length == 0 && takes(Freedom.EMPTY_FILE_REFUSED)) {
            throw ApiError.invalid(List.of("body", "file"), "The file is empty", "value_error");
        }
        String filename = on(Fault.FILES_FILENAME_PATH_KEPT) ? part.filename() : safeFilename(part.filename());
        boolean tooLarge = on(Fault.FILES_SIZE_LIMIT_OFF_BY_ONE)
                ? content.length >= settings.maxFileBytes() : content.length > settings.maxFileBytes();
        if (tooLarge) {
            if (on(Fault.FILES_OVERSIZED_UPLOAD_KEPT)) store.addFile(caller.tenantId(), caller.user().id(), filename, type, content);
            throw tooLarge();
        }
        Store.StoredFile f = store.addFile(caller.tenantId(), caller.user().id(), filename, type, content);
        send(ctx, 201, fileJson(f));
    }

    /** The faulty "optimisation": one buffer for every upload instead of one per request. */
    private byte[] readIntoSharedBuffer(InputStream in) throws IOException {
        int length = in.readNBytes(uploadBuffer, 0, uploadBuffer.length);
        races.meet("upload buffer", "the one buffer"); // the storage write, while another upload reads in
        return Arrays.copyOf(uploadBuffer, length);
    }

    void download(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        Store.StoredFile f = store.fileInTenant(on(Fault.ISOLATION_FILE_DOWNLOAD_NO_TENANT_FILTER)
                ? store.file(id).map(Store.StoredFile::tenantId).orElse(caller.tenantId()) : caller.tenantId(), id);
        byte[] body = on(Fault.FILES_DOWNLOAD_THROUGH_STRING)
                ? new String(f.content(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8) : f.content();
        String disposition = contentDisposition(f.filename(), takes(Freedom.FILENAME_STAR_ALWAYS));
        if (on(Fault.FILES_DOWNLOAD_INLINE)) disposition = disposition.replaceFirst("^attachment", "inline");
        // Jetty remembers a charset from the default content type set earlier and appends it to any
        // later text/* type ("text/csv;charset=utf-8"); the stored type must go out unchanged.
        ctx.res().setCharacterEncoding(null);
        boolean withCharset = takes(Freedom.TEXT_DOWNLOAD_WITH_CHARSET) && f.contentType().startsWith("text/");
        ctx.status(200).contentType(withCharset ? f.contentType() + "; charset=utf-8" : f.contentType())
                .header("Content-Disposition", disposition)
                .result(body);
    }

    void listFiles(Context ctx, Caller caller) {
        var v = new Validation();
        int page = pageParam(v, ctx);
        int size = pageSizeParam(v, ctx);
        v.throwIfAny();
        send(ctx, 200, pageJson(store.files(caller.tenantId(), page, size), this::fileJson));
    }

    void deleteFile(Context ctx, Caller caller) {
        String id = ctx.pathParam("id");
        store.deleteFile(on(Fault.ISOLATION_FILE_DELETE_NO_TENANT_FILTER)
                ? store.file(id).map(Store.StoredFile::tenantId).orElse(caller.tenantId()) : caller.tenantId(), id);
        noContent(ctx);
    }

    /** Jetty refuses parts over its own (higher) limits; anything else unreadable is a bad body. */
    private ApiError multipartFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("exceeded") || m.contains("too large") || m.contains("413")) return tooLarge();
        }
        return ApiError.invalid(List.of("body", "file"), "Invalid multipart body", "value_error").causedBy(e);
    }

    private ApiError tooLarge() {
        return ApiError.of(413, "File too large. Maximum size is " + settings.maxFileBytes() + " bytes");
    }

    /** "text/plain; charset=utf-8" is "text/plain"; a part without a type is opaque bytes. */
    static String baseType(String declared) {
        if (declared == null || declared.isBlank()) return "application/octet-stream";
        return declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** The submitted name without any directory part, so "../../etc/passwd" is stored as "passwd". */
    static String safeFilename(String submitted) {
        String name = submitted == null ? "" : submitted;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.isBlank() || name.equals(".") || name.equals("..") ? "upload" : name;
    }

    /** RFC 6266: a quoted ASCII fallback, plus RFC 5987 filename* when the name is not plain ASCII (or always). */
    static String contentDisposition(String name, boolean alwaysExtended) {
        var fallback = new StringBuilder();
        boolean plain = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean printable = c >= 0x20 && c < 0x7f;
            plain &= printable;
            if (!printable) fallback.append('_');
            else if (c == '"' || c == '\\') fallback.append('\\').append(c);
            else fallback.append(c);
        }
        String header = "attachment; filename=\"" + fallback + "\"";
        if (plain && !alwaysExtended) return header;
        var encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return header + "; filename*=UTF-8''" + encoded;
    }

    /** Only routed under {@link Fault#SECURITY_UNDOCUMENTED_DEBUG_ENDPOINT}: every user of every tenant. */
    void debugUsers(Context ctx, Caller caller) {
        send(ctx, 200, store.allUsers().stream().map(this::userJson).toList());
    }

    // ---- admin ----

    void tenants(Context ctx, Caller caller) {
        if (!on(Fault.RBAC_ADMIN_TENANTS_OPEN_TO_USERS)) requireAdmin(caller);
        List<Map<String, Object>> all = store.tenants().stream().map(t -> ordered("id", t.id(), "name", t.name(),
                "created_at", timestamp(t.createdAt()), "is_active", t.active())).toList();
        send(ctx, 200, ordered("tenants", all, "total", all.size()));
    }

    void stats(Context ctx, Caller caller) {
        if (!on(Fault.RBAC_USER_SEES_ADMIN_STATS)) requireAdmin(caller);
        Store.Stats s = on(Fault.RBAC_ADMIN_STATS_CACHED) ? cachedStats() : store.stats();
        send(ctx, 200, ordered("total_tenants", s.tenants(), "total_users", s.users(),
                "total_files", s.files(), "total_storage_bytes", s.storageBytes()));
    }

    private void requireAdmin(Caller caller) {
        if (!caller.user().isAdmin()) throw ApiError.of(403, "Admin access required");
    }

    /** The RBAC_ADMIN_STATS_CACHED defect: counting is "expensive", so the answer is kept for a minute. */
    private Store.Stats cachedStats() {
        if (cachedAt.isBefore(Instant.now().minusSeconds(60))) {
            cached = store.stats();
            cachedAt = Instant.now();
        }
        return cached;
    }

    // ---- passwords ----

    private String hash(String password) {
        if (takes(Freedom.PASSWORDS_HASHED_ONE_AT_A_TIME)) {
            synchronized (hasher) { // one hasher thread, slow like a cost-10 hash
                long start = System.nanoTime();
                String hash = bcrypt(password);
                java.util.concurrent.locks.LockSupport.parkNanos(SLOW_HASH.toNanos() - (System.nanoTime() - start));
                return hash;
            }
        }
        return bcrypt(password);
    }

    private String bcrypt(String password) {
        return new String(BCrypt.with(BCRYPT, random, LongPasswordStrategies.truncate(BCRYPT))
                .hash(settings.bcryptCost(), password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static boolean verifyPassword(String password, String hash) {
        try {
            return BCrypt.verifyer(BCRYPT, LongPasswordStrategies.truncate(BCRYPT))
                    .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException e) { // e.g. an empty password: it matches nothing
            return false;
        }
    }

    /** The unusable password of users created through the API: random, never disclosed. */
    /** What a created user first logs in with: the deployment's initial password, or one nobody knows. */
    private String initialPassword() {
        return settings.initialPassword() != null ? settings.initialPassword() : randomSecret();
    }

    /**
     * An account made by the deployment's operators outside the API (a tenant with its admin, or a user in
     * a tenant), for self-tests of pre-provisioned credentials. Returns the new user.
     */
    Store.User provision(String tenantIdOrNull, String tenantName, String username, String password, String role) {
        String email = username + "@provisioned.example.com";
        if (tenantIdOrNull == null) return store.register(tenantName, username, email, hash(password));
        return store.createUsers(tenantIdOrNull, List.of(new Store.NewUser(username, email, username, role, hash(password)))).get(0);
    }

    private String randomSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    // ---- JSON ----

    void send(Context ctx, int status, Object body) {
        try {
            if (on(Fault.SECURITY_NO_NOSNIFF_ON_DOWNLOAD)) ctx.header("X-Content-Type-Options", "nosniff");
            JsonNode tree = json.valueToTree(body);
            if (takes(Freedom.EXTRA_FIELDS)) withExtraField(tree);
            boolean pretty = takes(Freedom.JSON_PRETTY_PRINTED);
            byte[] bytes = pretty ? json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree) : json.writeValueAsBytes(tree);
            ctx.status(status).contentType(pretty ? "application/json; charset=utf-8" : "application/json").result(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    /** An error answer's body: {@code detail} (a string, or the items of a 422), as the contract's freedoms shape it. */
    Map<String, Object> error(Object detail) {
        Object shown = detail instanceof List<?> items ? items.stream().map(this::validationItem).toList()
                : takes(Freedom.DETAIL_AS_CODE) ? code(String.valueOf(detail)) : detail;
        Map<String, Object> body = ordered("detail", shown);
        if (takes(Freedom.ERROR_REQUEST_ID)) body.put("request_id", java.util.UUID.randomUUID().toString());
        return body;
    }

    /** A 422 item: loc, msg, type; pydantic 2 adds the input, its ctx and a documentation url. */
    private Object validationItem(Object item) {
        if (!(item instanceof Map<?, ?> issue)) return item;
        var shown = new LinkedHashMap<String, Object>();
        issue.forEach((key, value) -> shown.put(String.valueOf(key), value));
        Object input = shown.remove(Validation.INPUT);
        if (takes(Freedom.DETAIL_AS_CODE)) shown.put("msg", code(String.valueOf(shown.get("msg"))));
        if (takes(Freedom.VALIDATION_ITEMS_WITH_CONTEXT)) {
            shown.put("input", input);
            shown.put("ctx", ordered("error", issue.get("msg")));
            shown.put("url", "https://errors.pydantic.dev/2.9/v/" + issue.get("type"));
        }
        return shown;
    }

    /** "Admin access required" as a machine code: "admin_access_required". */
    private static String code(String sentence) {
        return sentence.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** Every object of the answer, nested ones included, gets a field the contract does not list (not the echoed input). */
    private static void withExtraField(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (!field.getKey().equals(Validation.INPUT)) withExtraField(field.getValue());
            });
            object.put("x_note", "a field the contract does not list");
        } else {
            node.forEach(Api::withExtraField);
        }
    }

    /** 204 carries no body, so no Content-Type either (Javalin presets its default type on every answer). */
    private static void noContent(Context ctx) {
        ctx.status(204);
        ctx.res().setContentType(null);
    }

    /** Never a password or hash field: the view lists what may be shown, not what must be hidden. */
    private Map<String, Object> userJson(Store.User u) {
        return ordered("id", u.id(), "tenant_id", u.tenantId(), "username", u.username(), "email", u.email(),
                "full_name", u.fullName(), "role", u.role(), "created_at", timestamp(u.createdAt()),
                "updated_at", timestamp(u.updatedAt()), "is_active", u.active());
    }

    private Map<String, Object> fileJson(Store.StoredFile f) {
        return ordered("id", f.id(), "tenant_id", f.tenantId(), "filename", f.filename(), "content_type", f.contentType(),
                "size_bytes", f.content().length, "uploaded_by", f.uploadedBy(), "uploaded_at", timestamp(f.uploadedAt()));
    }

    private <T> Map<String, Object> pageJson(Store.Page<T> page, Function<T, Map<String, Object>> view) {
        long totalCount = on(Fault.PAGINATION_TOTAL_COUNT_IS_PAGE_SIZE) ? page.data().size() : page.totalCount();
        boolean hasNext = on(Fault.PAGINATION_HAS_NEXT_OFF_BY_ONE)
                ? (long) page.page() * page.pageSize() <= page.totalCount() : page.hasNext();
        return ordered("data", page.data().stream().map(view).toList(), "page", page.page(), "page_size", page.pageSize(),
                "total_count", totalCount, "has_next", hasNext, "has_prev", page.hasPrev());
    }

    String timestamp(Instant t) {
        return (takes(Freedom.TIMESTAMPS_WITH_NUMERIC_OFFSET) ? TIMESTAMP_NUMERIC_OFFSET : TIMESTAMP).format(t);
    }

    /** Insertion-ordered map from alternating keys and values, so answers read like the public API's. */
    static Map<String, Object> ordered(Object... kv) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
