package io.mtapi.harness.reference;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The in-memory domain: tenants, users, files. Reads are lock-free on concurrent maps; every write that
 * touches a uniqueness rule runs under one lock, so concurrent duplicates cannot both win.
 */
final class Store {
    record Tenant(String id, String name, Instant createdAt, boolean active) {}

    record User(String id, String tenantId, String username, String email, String fullName, String role,
                String passwordHash, Instant createdAt, Instant updatedAt, boolean active) {
        boolean isAdmin() {
            return "admin".equals(role);
        }
    }

    record StoredFile(String id, String tenantId, String filename, String contentType, byte[] content,
                      String uploadedBy, Instant uploadedAt) {}

    /** A user to create; the password hash is computed by the caller, outside the lock (bcrypt is slow). */
    record NewUser(String username, String email, String fullName, String role, String passwordHash) {
        NewUser withPasswordHash(String hash) {
            return new NewUser(username, email, fullName, role, hash);
        }
    }

    record Page<T>(List<T> data, int page, int pageSize, long totalCount) {
        boolean hasNext() {
            return (long) page * pageSize < totalCount;
        }

        boolean hasPrev() {
            return page > 1;
        }
    }

    record Stats(long tenants, long users, long files, long storageBytes) {}

    private static final Comparator<User> USER_ORDER = Comparator.comparing(User::createdAt).thenComparing(User::id);
    private static final Comparator<StoredFile> FILE_ORDER = Comparator.comparing(StoredFile::uploadedAt).thenComparing(StoredFile::id);

    private final ReferenceSettings settings;
    private final RaceWindow races;
    private final Object lock = new Object();
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final java.util.Set<String> unlisted = ConcurrentHashMap.newKeySet(); // only with FILES_DELETE_KEEPS_CONTENT
    // Uniqueness indexes, written only under the lock.
    private final Map<String, String> tenantIdByName = new ConcurrentHashMap<>();   // lower-cased name
    private final Map<String, String> userIdByUsername = new ConcurrentHashMap<>();
    private final Map<String, String> userIdByEmail = new ConcurrentHashMap<>();    // lower-cased email

    Store(ReferenceSettings settings, RaceWindow races) {
        this.settings = settings;
        this.races = races;
    }

    /** Faults that live in the domain layer are checked here, where the defect would be. */
    private boolean on(Fault fault) {
        return settings.faults().contains(fault);
    }

    /** Microsecond precision, like the public implementation's timestamps. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- tenants and users ----

    /** Creates the tenant and its first user (role admin) atomically. */
    User register(String tenantName, String username, String email, String passwordHash) {
        synchronized (lock) {
            String nameKey = on(Fault.REGISTER_TENANT_NAME_CASE_SENSITIVE) ? tenantName : lower(tenantName);
            if (tenantIdByName.containsKey(nameKey)) throw ApiError.of(409, "Tenant name already registered");
            requireAvailable(null, List.of(new NewUser(username, email, null, "admin", passwordHash)));
            Instant now = now();
            var tenant = new Tenant(UUID.randomUUID().toString(), tenantName, now, true);
            tenants.put(tenant.id(), tenant);
            tenantIdByName.put(nameKey, tenant.id());
            return insert(tenant.id(), new NewUser(username, email, username, "admin", passwordHash), now);
        }
    }

    /** 409 if any username/email is taken or repeated inside the list; cheap pre-check before hashing. */
    void requireAvailable(String tenantId, List<NewUser> candidates) {
        var names = new HashSet<String>();
        var emails = new HashSet<String>();
        for (NewUser u : candidates) {
            if (usernameTaken(tenantId, u.username()) || !names.add(u.username())) {
                throw ApiError.of(409, "Username already registered");
            }
            if (userIdByEmail.containsKey(emailKey(u.email())) || !emails.add(emailKey(u.email()))) {
                throw ApiError.of(409, "Email already registered");
            }
        }
    }

    private boolean usernameTaken(String tenantId, String username) {
        String holder = userIdByUsername.get(username);
        if (holder != null && on(Fault.USERS_USERNAME_UNIQUE_PER_TENANT)) {
            return users.get(holder).tenantId().equals(tenantId);
        }
        return holder != null;
    }

    /** Emails compare case-insensitively: the index holds them lower-cased. */
    private String emailKey(String email) {
        return on(Fault.USERS_EMAIL_UNIQUENESS_CASE_SENSITIVE) ? email : lower(email);
    }

    /** All or nothing: either every user is created, or none is (409). Returned in input order. */
    List<User> createUsers(String tenantId, List<NewUser> candidates) {
        if (on(Fault.CONCURRENCY_USERNAME_CHECK_NOT_ATOMIC)) {
            races.meet("user creation", uniqueValuesOf(candidates)); // the hash's time, between check and insert
            synchronized (lock) { // trusts the caller's pre-check, made before hashing
                var created = new ArrayList<User>(candidates.size());
                for (NewUser u : candidates) created.add(insert(tenantId, u, now()));
                return created;
            }
        }
        if (on(Fault.CONCURRENCY_BULK_NOT_ATOMIC)) {
            races.meet("bulk creation", uniqueValuesOf(candidates)); // a competing bulk passed its pre-check too
            var created = new ArrayList<User>(candidates.size());
            for (NewUser u : candidates) { // one transaction per user instead of one for the whole bulk
                synchronized (lock) {
                    requireAvailable(tenantId, List.of(u));
                    created.add(insert(tenantId, u, now()));
                }
            }
            return created;
        }
        synchronized (lock) {
            var created = new ArrayList<User>(candidates.size());
            if (on(Fault.USERS_BULK_PARTIAL_CREATE_ON_CONFLICT)) {
                for (NewUser u : candidates) {
                    requireAvailable(tenantId, List.of(u));
                    created.add(insert(tenantId, u, now()));
                }
                return created;
            }
            requireAvailable(tenantId, candidates);
            for (NewUser u : candidates) created.add(insert(tenantId, u, now()));
            return created;
        }
    }

    /** What a competing creation must share with these candidates to race them: a username or an email. */
    private List<String> uniqueValuesOf(List<NewUser> candidates) {
        var values = new ArrayList<String>();
        for (NewUser u : candidates) {
            values.add("username " + u.username());
            values.add("email " + emailKey(u.email()));
        }
        return values;
    }

    private User insert(String tenantId, NewUser u, Instant now) {
        var user = new User(UUID.randomUUID().toString(), tenantId, u.username(), u.email(), u.fullName(), u.role(),
                u.passwordHash(), now, now, true);
        users.put(user.id(), user);
        userIdByUsername.put(user.username(), user.id());
        userIdByEmail.put(emailKey(user.email()), user.id());
        return user;
    }

    Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    List<User> allUsers() {
        return users.values().stream().sorted(USER_ORDER).toList();
    }

    Optional<User> userByUsername(String username) {
        return Optional.ofNullable(userIdByUsername.get(username)).map(users::get);
    }

    /** Unknown id and another tenant's id answer the same 404: existence must not leak across tenants. */
    User userInTenant(String tenantId, String id) {
        if (on(Fault.ROBUSTNESS_LONG_ID_500) && id.length() > 255) {
            throw new IllegalStateException("value too long for type character varying(255)");
        }
        User u = users.get(id);
        if (u != null && !u.tenantId().equals(tenantId)) {
            if (on(Fault.ISOLATION_OTHER_TENANT_403)) throw ApiError.of(403, "Not authorized to access this user");
            if (on(Fault.ISOLATION_OTHER_TENANT_DISTINCT_404)) throw ApiError.of(404, "User not found in this tenant");
        }
        if (u == null || !u.tenantId().equals(tenantId)) throw ApiError.of(404, "User not found");
        return u;
    }

    User update(String tenantId, String id, String email, String fullName) {
        return update(tenantId, id, email, fullName, null);
    }

    /** A null argument leaves its field as it is; role is never changed by the API (only by a fault). */
    User update(String tenantId, String id, String email, String fullName, String role) {
        User loaded = null;
        if (on(Fault.CONCURRENCY_LOST_UPDATE)) { // load, modify, save: the copy is read before the lock
            loaded = userInTenant(tenantId, id);
            races.meet("user update", id); // the round trip back to the database, while another PUT loads too
        }
        synchronized (lock) {
            User u = loaded != null ? loaded : userInTenant(tenantId, id);
            if (email != null) {
                String owner = userIdByEmail.get(emailKey(email));
                if (owner != null && !owner.equals(id)) throw ApiError.of(409, "Email already registered");
                userIdByEmail.remove(emailKey(u.email()));
                userIdByEmail.put(emailKey(email), id);
            }
            Instant updatedAt = on(Fault.USERS_UPDATED_AT_NOT_ADVANCED) ? u.updatedAt() : later(u.updatedAt());
            var updated = new User(u.id(), u.tenantId(), u.username(), email != null ? email : u.email(),
                    fullName != null ? fullName : u.fullName(), role != null ? role : u.role(), u.passwordHash(),
                    u.createdAt(), updatedAt, u.active());
            users.put(id, updated);
            return updated;
        }
    }

    /** Soft delete: the user stays readable with is_active=false. Idempotent. */
    void deactivate(String tenantId, String id) {
        synchronized (lock) {
            User u = userInTenant(tenantId, id);
            if (on(Fault.USERS_DELETE_IS_HARD_DELETE)) {
                users.remove(id);
                userIdByUsername.remove(u.username());
                userIdByEmail.remove(emailKey(u.email()));
                return;
            }
            users.put(id, new User(u.id(), u.tenantId(), u.username(), u.email(), u.fullName(), u.role(),
                    u.passwordHash(), u.createdAt(), later(u.updatedAt()), false));
        }
    }

    Page<User> users(String tenantId, boolean activeOnly, int page, int pageSize) {
        Page<User> result = page(users.values(), u -> u.tenantId().equals(tenantId) && (u.active() || !activeOnly), USER_ORDER, page, pageSize);
        if (on(Fault.ISOLATION_USER_COUNT_ALL_TENANTS)) {
            long everyTenant = users.values().stream().filter(u -> u.active() || !activeOnly).count();
            return new Page<>(result.data(), page, pageSize, everyTenant);
        }
        return result;
    }

    // ---- files ----

    StoredFile addFile(String tenantId, String uploadedBy, String filename, String contentType, byte[] content) {
        var f = new StoredFile(UUID.randomUUID().toString(), tenantId, filename, contentType, content, uploadedBy, now());
        files.put(f.id(), f);
        return f;
    }

    Optional<StoredFile> file(String id) {
        return Optional.ofNullable(files.get(id));
    }

    StoredFile fileInTenant(String tenantId, String id) {
        StoredFile f = files.get(id);
        if (f != null && !f.tenantId().equals(tenantId) && on(Fault.ISOLATION_OTHER_TENANT_403)) {
            throw ApiError.of(403, "Not authorized to access this file");
        }
        if (f == null || !f.tenantId().equals(tenantId)) throw ApiError.of(404, "File not found");
        return f;
    }

    void deleteFile(String tenantId, String id) {
        StoredFile f = fileInTenant(tenantId, id);
        if (on(Fault.FILES_DELETE_KEEPS_CONTENT)) {
            unlisted.add(f.id());
        } else {
            files.remove(f.id());
        }
    }

    Page<StoredFile> files(String tenantId, int page, int pageSize) {
        if (on(Fault.PAGINATION_FILES_OFFSET_IGNORED)) {
            Page<StoredFile> first = page(files.values(), f -> f.tenantId().equals(tenantId) && !unlisted.contains(f.id()),
                    FILE_ORDER, 1, pageSize);
            return new Page<>(first.data(), page, pageSize, first.totalCount());
        }
        return page(files.values(), f -> (on(Fault.FILES_LIST_NOT_TENANT_SCOPED) || f.tenantId().equals(tenantId))
                && !unlisted.contains(f.id()), FILE_ORDER, page, pageSize);
    }

    // ---- admin ----

    List<Tenant> tenants() {
        return tenants.values().stream().sorted(Comparator.comparing(Tenant::createdAt).thenComparing(Tenant::id)).toList();
    }

    Stats stats() {
        return new Stats(tenants.size(), users.size(), files.size(),
                files.values().stream().mapToLong(f -> f.content().length).sum());
    }

    // ---- helpers ----

    private static <T> Page<T> page(java.util.Collection<T> all, Predicate<T> filter, Comparator<T> order, int page, int pageSize) {
        List<T> matching = all.stream().filter(filter).sorted(order).toList();
        long from = (long) (page - 1) * pageSize;
        List<T> data = from >= matching.size() ? List.of()
                : matching.subList((int) from, (int) Math.min(matching.size(), from + pageSize));
        return new Page<>(data, page, pageSize, matching.size());
    }

    /** updated_at must move strictly forward even when the clock has not. */
    private static Instant later(Instant previous) {
        Instant now = now();
        return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
