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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The handlers of CONTRACT.md sections 2-7, and the JSON shapes they answer with. */
final class Api {
    static final String VERSION = "0.1.0-reference";
    private static final List<Object> BODY = List.of("body");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);
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

    Api(ReferenceSettings settings, ObjectMapper json, Store store, Tokens tokens) {
        this.settings = settings;
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

    // ---- health and auth ----

    void health(Context ctx) {
        send(ctx, 200, ordered("status", "healthy", "timestamp", timestamp(Instant.now()),
                "environment", "embedded", "version", VERSION));
    }

    void register(Context ctx) {
        JsonNode body = Validation.object(Validation.body(ctx, json), BODY);
        var v = new Validation();
        String tenantName = v.string(body, BODY, "tenant_name", 3, 50, true);
        String email = v.email(body, BODY, "admin_email", true);
        String username = v.string(body, BODY, "admin_username", 3, 50, true);
        String password = v.string(body, BODY, "admin_password", 8, Integer.MAX_VALUE, true);
        v.throwIfAny();
        Store.User admin = store.register(tenantName, username, email, hash(password));
        send(ctx, 201, ordered("message", "Tenant registered successfully",
                "tenant_id", admin.tenantId(), "admin_user_id", admin.id()));
    }

    void login(Context ctx) {
        JsonNode body = Validation.object(Validation.body(ctx, json), BODY);
        var v = new Validation();
        String username = v.string(body, BODY, "username", 0, Integer.MAX_VALUE, true);
        String password = v.string(body, BODY, "password", 0, Integer.MAX_VALUE, true);
        v.throwIfAny();
        Store.User user = store.userByUsername(username).orElse(null);
        boolean matches = verifyPassword(password, user != null ? user.passwordHash() : dummyHash);
        if (user == null || !matches) throw ApiError.unauthorized("Incorrect username or password");
        if (!user.active()) throw ApiError.of(403, "Inactive user");
        send(ctx, 200, tokens.issuePair(user));
    }

    void refresh(Context ctx) {
        JsonNode body = Validation.object(Validation.body(ctx, json), BODY);
        var v = new Validation();
        String token = v.string(body, BODY, "refresh_token", 0, Integer.MAX_VALUE, true);
        v.throwIfAny();
        Tokens.Claims claims = tokens.verify(token, Tokens.REFRESH);
        Store.User user = activeUser(claims);
        if (!tokens.revoke(claims)) throw Tokens.invalid(); // rotation: a refresh token works once
        send(ctx, 200, tokens.issuePair(user));
    }

    void logout(Context ctx) {
        tokens.revoke(authenticate(ctx).token());
        send(ctx, 200, ordered("message", "Successfully logged out"));
    }

    /** Bearer access token to caller, or 401. */
    Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) throw ApiError.unauthorized("Not authenticated");
        String[] parts = header.strip().split(" ", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("bearer") || parts[1].isEmpty() || parts[1].contains(" ")) {
            throw ApiError.unauthorized("Invalid authentication credentials");
        }
        Tokens.Claims claims = tokens.verify(parts[1], Tokens.ACCESS);
        return new Caller(activeUser(claims), claims);
    }

    /** The token's user, if it still exists, is active and is in the token's tenant. */
    private Store.User activeUser(Tokens.Claims claims) {
        return store.user(claims.userId())
                .filter(u -> u.active() && u.tenantId().equals(claims.tenantId()))
                .orElseThrow(Tokens::invalid);
    }

    // ---- users ----

    void listUsers(Context ctx, Caller caller) {
        var v = new Validation();
        int page = v.queryInt(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int size = v.queryInt(ctx, "page_size", 20, 1, settings.maxPageSize());
        boolean activeOnly = v.queryBool(ctx, "active_only", true);
        v.throwIfAny();
        send(ctx, 200, pageJson(store.users(caller.tenantId(), activeOnly, page, size), this::userJson));
    }

    void createUser(Context ctx, Caller caller) {
        JsonNode body = Validation.object(on(Fault.ROBUSTNESS_MALFORMED_JSON_500) ? bareJson(ctx) : Validation.body(ctx, json), BODY);
        var v = new Validation();
        Store.NewUser candidate = newUser(v, body, BODY);
        v.throwIfAny();
        store.requireAvailable(List.of(candidate));
        Store.User created = store.createUsers(caller.tenantId(), List.of(candidate.withPasswordHash(hash(randomSecret())))).get(0);
        send(ctx, 201, userJson(created));
    }

    void bulkCreateUsers(Context ctx, Caller caller) {
        JsonNode body = Validation.body(ctx, json);
        if (!body.isArray()) throw ApiError.invalid(BODY, "Input should be a valid list", "list_type");
        if (body.size() > 50) throw ApiError.of(400, "Cannot create more than 50 users at once");
        var v = new Validation();
        var candidates = new ArrayList<Store.NewUser>();
        for (int i = 0; i < body.size(); i++) {
            List<Object> at = List.of("body", i);
            if (body.get(i).isObject()) candidates.add(newUser(v, body.get(i), at));
            else v.add(at, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type");
        }
        v.throwIfAny();
        store.requireAvailable(candidates); // fail fast before hashing; re-checked under the store's lock
        // Hashing is the slow part, so it runs concurrently; creation itself is one atomic step.
        List<Store.NewUser> hashed = candidates.parallelStream().map(c -> c.withPasswordHash(hash(randomSecret()))).toList();
        send(ctx, 201, store.createUsers(caller.tenantId(), hashed).stream().map(this::userJson).toList());
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
        return new Store.NewUser(v.string(obj, at, "username", 3, 50, true), v.email(obj, at, "email", true),
                v.string(obj, at, "full_name", 1, 100, true), v.role(obj, at), null);
    }

    void getUser(Context ctx, Caller caller) {
        send(ctx, 200, userJson(store.userInTenant(caller.tenantId(), ctx.pathParam("id"))));
    }

    void updateUser(Context ctx, Caller caller) {
        JsonNode body = Validation.object(Validation.body(ctx, json), BODY);
        var v = new Validation();
        String email = v.email(body, BODY, "email", false);
        String fullName = v.string(body, BODY, "full_name", 1, 100, false);
        v.throwIfAny();
        send(ctx, 200, userJson(store.update(caller.tenantId(), ctx.pathParam("id"), email, fullName)));
    }

    void deleteUser(Context ctx, Caller caller) {
        store.deactivate(caller.tenantId(), ctx.pathParam("id"));
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
        if (part == null) throw ApiError.invalid(List.of("body", "file"), "Field required", "missing");
        String type = baseType(part.contentType());
        if (settings.allowedContentTypes().stream().noneMatch(type::equalsIgnoreCase)) {
            throw ApiError.of(415, "File type not allowed: " + type);
        }
        byte[] content;
        try (var in = part.content()) {
            content = on(Fault.CONCURRENCY_UPLOAD_SHARED_BUFFER) ? readIntoSharedBuffer(in)
                    : in.readNBytes((int) settings.maxFileBytes() + 1); // one byte more tells "too large"
        } catch (IOException e) {
            throw multipartFailure(e);
        }
        if (content.length > settings.maxFileBytes()) throw tooLarge();
        Store.StoredFile f = store.addFile(caller.tenantId(), caller.user().id(), safeFilename(part.filename()), type, content);
        send(ctx, 201, fileJson(f));
    }

    /** The faulty "optimisation": one buffer for every upload instead of one per request. */
    private byte[] readIntoSharedBuffer(InputStream in) throws IOException {
        int length = in.readNBytes(uploadBuffer, 0, uploadBuffer.length);
        RaceWindow.widen(RaceWindow.DATABASE_ROUND_TRIP);
        return Arrays.copyOf(uploadBuffer, length);
    }

    void download(Context ctx, Caller caller) {
        Store.StoredFile f = store.fileInTenant(caller.tenantId(), ctx.pathParam("id"));
        // Jetty remembers a charset from the default content type set earlier and appends it to any
        // later text/* type ("text/csv;charset=utf-8"); the stored type must go out unchanged.
        ctx.res().setCharacterEncoding(null);
        ctx.status(200).contentType(f.contentType())
                .header("Content-Disposition", contentDisposition(f.filename()))
                .result(f.content());
    }

    void listFiles(Context ctx, Caller caller) {
        var v = new Validation();
        int page = v.queryInt(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int size = v.queryInt(ctx, "page_size", 20, 1, settings.maxPageSize());
        v.throwIfAny();
        send(ctx, 200, pageJson(store.files(caller.tenantId(), page, size), this::fileJson));
    }

    void deleteFile(Context ctx, Caller caller) {
        store.deleteFile(caller.tenantId(), ctx.pathParam("id"));
        noContent(ctx);
    }

    /** Jetty refuses parts over its own (higher) limits; anything else unreadable is a bad body. */
    private ApiError multipartFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("exceeded") || m.contains("too large") || m.contains("413")) return tooLarge();
        }
        return ApiError.invalid(List.of("body", "file"), "Invalid multipart body", "value_error");
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

    /** RFC 6266: a quoted ASCII fallback, plus RFC 5987 filename* when the name is not plain ASCII. */
    static String contentDisposition(String name) {
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
        if (plain) return header;
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

    // ---- admin ----

    void tenants(Context ctx, Caller caller) {
        requireAdmin(caller);
        List<Map<String, Object>> all = store.tenants().stream().map(t -> ordered("id", t.id(), "name", t.name(),
                "created_at", timestamp(t.createdAt()), "is_active", t.active())).toList();
        send(ctx, 200, ordered("tenants", all, "total", all.size()));
    }

    void stats(Context ctx, Caller caller) {
        requireAdmin(caller);
        Store.Stats s = store.stats();
        send(ctx, 200, ordered("total_tenants", s.tenants(), "total_users", s.users(),
                "total_files", s.files(), "total_storage_bytes", s.storageBytes()));
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.user().isAdmin()) throw ApiError.of(403, "Admin access required");
    }

    // ---- passwords ----

    private String hash(String password) {
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
    private String randomSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    // ---- JSON ----

    void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("response not serialisable", e);
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

    private static <T> Map<String, Object> pageJson(Store.Page<T> page, Function<T, Map<String, Object>> view) {
        return ordered("data", page.data().stream().map(view).toList(), "page", page.page(), "page_size", page.pageSize(),
                "total_count", page.totalCount(), "has_next", page.hasNext(), "has_prev", page.hasPrev());
    }

    static String timestamp(Instant t) {
        return TIMESTAMP.format(t);
    }

    /** Insertion-ordered map from alternating keys and values, so answers read like the public API's. */
    static Map<String, Object> ordered(Object... kv) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
