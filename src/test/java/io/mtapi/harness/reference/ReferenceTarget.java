package io.mtapi.harness.reference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Map;

/**
 * The embedded reference target (CONTRACT.md section 10): a correct in-memory implementation of the
 * contract on an ephemeral loopback port. Each instance has its own settings, store and port.
 */
public final class ReferenceTarget implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceTarget.class);
    private static final long MULTIPART_HEADROOM = 1024 * 1024;
    private static final String CONTRACT_DOCUMENT = "contract/openapi.yaml";
    private static final String DEBUG_USERS = "/api/v1/debug/users";
    private static final String HEALTH = "/health";
    private static final String DROP_AFTER_PROCESSING = "reference.dropAfterProcessing";

    /** A handler behind Bearer authentication and the rate limit. */
    @FunctionalInterface
    interface Protected {
        void handle(Context ctx, Api.Caller caller) throws Exception;
    }

    private final ReferenceSettings settings;
    private final Flakiness flakiness;
    private final Api api;
    private final RaceWindow races = new RaceWindow();
    private final RateLimiter limiter;
    private final Javalin app;
    private final byte[] openApiJson;
    private final Map<String, Flakiness.Drop> forcedDrops = new ConcurrentHashMap<>();
    private final SelfSignedCertificate certificate;
    private final int requestedPort;

    private ReferenceTarget(ReferenceSettings settings, Flakiness flakiness, int port) {
        this.settings = settings;
        this.flakiness = flakiness;
        this.requestedPort = port;
        this.certificate = settings.tls() ? SelfSignedCertificate.forLoopback() : null;
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.api = new Api(settings, json, new Store(settings, races), new Tokens(settings), races);
        this.limiter = new RateLimiter(settings.rateLimitBudget(), settings.rateLimitWindow(), settings.faults(),
                settings.freedoms());
        this.openApiJson = openApiJson(json);
        this.app = Javalin.create(this::configure);
    }

    private boolean on(Fault fault) {
        return settings.faults().contains(fault);
    }

    private boolean takes(Freedom freedom) {
        return settings.freedoms().contains(freedom);
    }

    /** Binds 127.0.0.1 on an ephemeral port; returns once the server accepts connections. */
    public static ReferenceTarget start(ReferenceSettings settings) {
        return start(settings, 0);
    }

    /** Binds 127.0.0.1 on the given port (0: ephemeral); for running the reference as a standalone server. */
    public static ReferenceTarget start(ReferenceSettings settings, int port) {
        return start(settings, port, Flakiness.NONE);
    }

    /** As {@link #start(ReferenceSettings, int)}, in flaky mode: 503s before processing, dropped connections, latency. */
    public static ReferenceTarget start(ReferenceSettings settings, int port, Flakiness flakiness) {
        var target = new ReferenceTarget(settings, flakiness, port);
        target.app.start("127.0.0.1", port);
        return target;
    }

    public String baseUrl() {
        return (certificate != null ? "https" : "http") + "://127.0.0.1:" + app.port();
    }

    /** With {@code reference.tls.enabled}: the self-signed certificate it serves, in PEM, for a client to trust. */
    public java.util.Optional<String> certificatePem() {
        return java.util.Optional.ofNullable(certificate).map(SelfSignedCertificate::pem);
    }

    public ReferenceSettings settings() {
        return settings;
    }

    /**
     * For the harness's self-tests of its recoveries: the next request to {@code method path}
     * (a concrete path, e.g. "/api/v1/users") loses its connection at the moment given,
     * whatever the flaky settings say.
     */
    public void dropNext(String method, String path, Flakiness.Drop when) {
        forcedDrops.put(method + " " + path, when);
    }

    /**
     * For self-tests of pre-provisioned credentials: a tenant and its admin made by the deployment's
     * operators, outside the API (registration may be closed). Returns the tenant's id.
     */
    public String provisionTenant(String tenantName, String adminUsername, String password) {
        return api.provision(null, tenantName, adminUsername, password, "admin").tenantId();
    }

    /** As {@link #provisionTenant}: a user with the given role and password in an existing tenant. */
    public void provisionUser(String tenantId, String username, String password, String role) {
        api.provision(tenantId, null, username, password, role);
    }

    /**
     * The race windows of the faulty code paths (see {@link RaceWindow}): requests that reached one, and
     * pairs that met there. Both 0 without a race fault on.
     */
    public RaceCount races() {
        return new RaceCount(races.opened(), races.met());
    }

    /** @param met races that really happened: two requests met inside a faulty check-then-act window */
    public record RaceCount(long opened, long met) {
        private static final String FILE = "reference-races.properties";

        /** Written next to a run's summary, where the fault matrix reads it after the run. */
        public void writeTo(Path dir) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(FILE), "opened=" + opened + "\nmet=" + met + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + FILE + " under " + dir, e);
            }
        }

        /** What {@link #writeTo} wrote under {@code dir}; none when the run started no reference target. */
        public static Optional<RaceCount> readFrom(Path dir) {
            Path file = dir.resolve(FILE);
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            try (var in = Files.newBufferedReader(file)) {
                var values = new Properties();
                values.load(in);
                return Optional.of(new RaceCount(Long.parseLong(values.getProperty("opened", "0")),
                        Long.parseLong(values.getProperty("met", "0"))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    @Override
    public void close() {
        app.stop();
    }

    private void configure(JavalinConfig cfg) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.startup.startupWatcherEnabled = false;
        cfg.http.prefer405over404 = !on(Fault.ROBUSTNESS_UNKNOWN_METHOD_404_NOT_405);
        cfg.http.defaultContentType = ContentType.JSON;
        if (takes(Freedom.GZIP_WHEN_ASKED)) {
            cfg.http.compressionStrategy = CompressionStrategy.GZIP;
            cfg.http.compressionStrategy.setDefaultMinSizeForCompression(0);
        }
        // FastAPI redirects instead of routing /users/ as /users.
        cfg.router.ignoreTrailingSlashes = !takes(Freedom.TRAILING_SLASH_REDIRECTED);
        // Jetty must not refuse an upload of exactly maxFileBytes (plus multipart framing) before the
        // handler decides; above the headroom Jetty refuses and the handler maps that to 413.
        long multipartLimit = settings.maxFileBytes() + MULTIPART_HEADROOM;
        cfg.jetty.multipartConfig.maxFileSize(multipartLimit, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(multipartLimit, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxInMemoryFileSize((int) multipartLimit, SizeUnit.BYTES); // no temp files
        // Long ids (10 000 characters) are answered by the router (404), not refused as 431.
        cfg.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(64 * 1024));
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrors()));
        if (certificate != null) {
            // Jetty's own TLS: the only connector, so Javalin adds no plain-HTTP one.
            cfg.jetty.addConnector((server, http) -> {
                var tls = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
                tls.setKeyStore(certificate.keyStore());
                tls.setKeyStorePassword(new String(SelfSignedCertificate.KEY_STORE_PASSWORD));
                var https = new org.eclipse.jetty.server.HttpConfiguration(http);
                https.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer(false));
                var connector = new org.eclipse.jetty.server.ServerConnector(server, tls,
                        new org.eclipse.jetty.server.HttpConnectionFactory(https));
                connector.setHost("127.0.0.1");
                connector.setPort(requestedPort);
                return connector;
            });
        }
        cfg.jetty.modifyServletContextHandler(h -> h.addFilter(IGNORE_METHOD_OVERRIDE, "/*", EnumSet.of(DispatcherType.REQUEST)));
        if (settings.rejectUpgrade()) {
            cfg.jetty.modifyServletContextHandler(h -> h.addFilter(REJECT_UPGRADE, "/*", EnumSet.of(DispatcherType.REQUEST)));
        }
        if (flakiness.oneWorker()) {
            cfg.jetty.modifyServletContextHandler(h -> h.addFilter(oneAtATime(), "/*", EnumSet.of(DispatcherType.REQUEST)));
        }

        var r = cfg.routes;
        r.before(ctx -> {
            // The platform's weather, not the API's: slow, and now and then gone or unavailable before any work.
            LockSupport.parkNanos(flakiness.latency().toNanos());
            Flakiness.Drop drop = drop(ctx);
            if (drop == Flakiness.Drop.BEFORE_PROCESSING) {
                ctx.skipRemainingHandlers();
                dropConnection(ctx);
                return;
            }
            if (drop == Flakiness.Drop.AFTER_PROCESSING) ctx.attribute(DROP_AFTER_PROCESSING, true);
            if (flakiness.drawServiceUnavailable()) throw ApiError.of(503, "Service temporarily unavailable");
        });
        // After handlers run whatever the handler did (answer or error): the change stays, the answer goes.
        r.after(ctx -> {
            if (ctx.attribute(DROP_AFTER_PROCESSING) != null) dropConnection(ctx);
        });
        r.after(ctx -> {
            if (takes(Freedom.CHUNKED_BODIES)) sendChunked(ctx);
        });

        r.before(ctx -> {
            if (!on(Fault.SECURITY_NO_NOSNIFF_ON_DOWNLOAD)) ctx.header("X-Content-Type-Options", "nosniff");
            if (takes(Freedom.CONNECTION_CLOSE)) ctx.header("Connection", "close");
            String origin = ctx.header("Origin");
            if (on(Fault.SECURITY_CORS_ANY_ORIGIN_WITH_CREDENTIALS) && origin != null) {
                ctx.header("Access-Control-Allow-Origin", origin).header("Access-Control-Allow-Credentials", "true");
            }
            if (takes(Freedom.CORS_ANY_ORIGIN_WITHOUT_CREDENTIALS) && origin != null) corsWithoutCredentials(ctx);
            if (takes(Freedom.TRAILING_SLASH_REDIRECTED) && ctx.path().length() > 1 && ctx.path().endsWith("/")) {
                String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
                ctx.skipRemainingHandlers();
                ctx.status(307).header("Location", ctx.path().replaceAll("/+$", "") + query).result(new byte[0]);
            }
        });
        get(cfg, HEALTH, api::health);
        get(cfg, "/openapi.json", ctx -> ctx.contentType(ContentType.JSON).result(openApiJson));
        r.post("/auth/register", api::register);
        r.post("/auth/login", api::login);
        r.post("/auth/refresh", api::refresh);
        r.post("/auth/logout", api::logout);

        get(cfg, "/api/v1/users", guarded(api::listUsers));
        r.post("/api/v1/users", guarded(api::createUser));
        r.post("/api/v1/users/bulk", guarded(api::bulkCreateUsers));
        get(cfg, "/api/v1/users/{id}", guarded(api::getUser));
        r.put("/api/v1/users/{id}", guarded(api::updateUser));
        r.delete("/api/v1/users/{id}", guarded(api::deleteUser));

        r.post("/api/v1/files/upload", guarded(api::upload));
        get(cfg, "/api/v1/files", guarded(api::listFiles));
        get(cfg, "/api/v1/files/{id}", guarded(api::download));
        r.delete("/api/v1/files/{id}", guarded(api::deleteFile));

        get(cfg, "/api/v1/admin/tenants", admin(api::tenants));
        get(cfg, "/api/v1/admin/stats", admin(api::stats));
        if (on(Fault.SECURITY_UNDOCUMENTED_DEBUG_ENDPOINT)) get(cfg, DEBUG_USERS, guarded(api::debugUsers));

        r.exception(ApiError.class, (e, ctx) -> {
            e.headers.forEach(ctx::header);
            if (takes(Freedom.WWW_AUTHENTICATE_WITH_PARAMETERS) && e.headers.containsKey("WWW-Authenticate")) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\"");
            }
            Map<String, Object> body = api.error(e.detail);
            if (on(Fault.SECURITY_STACK_TRACE_IN_ERRORS) && e.getCause() != null) {
                var trace = new StringWriter();
                e.getCause().printStackTrace(new PrintWriter(trace));
                body.put("trace", trace.toString());
            }
            api.send(ctx, e.status, body);
        });
        r.exception(HttpResponseException.class, (e, ctx) -> {
            if (e instanceof MethodNotAllowedResponse m && m.getDetails().get("availableMethods") != null) {
                ctx.header("Allow", m.getDetails().get("availableMethods"));
            }
            api.send(ctx, e.getStatus(), api.error(HttpStatus.forStatus(e.getStatus()).getMessage()));
        });
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected error answering {} {}", ctx.method(), ctx.path(), e);
            api.send(ctx, 500, api.error("Internal Server Error"));
        });
    }

    /**
     * The live API description, as a FastAPI target publishes it: the contract document itself, in JSON
     * (so the fault-free reference exposes exactly what the contract documents), plus whatever routes a
     * fault adds, since FastAPI lists every route it serves.
     */
    private byte[] openApiJson(ObjectMapper json) {
        try (var in = ReferenceTarget.class.getClassLoader().getResourceAsStream(CONTRACT_DOCUMENT)) {
            if (in == null) throw new IllegalStateException(CONTRACT_DOCUMENT + " is not on the classpath");
            var document = (ObjectNode) new YAMLMapper().readTree(in);
            if (on(Fault.SECURITY_UNDOCUMENTED_DEBUG_ENDPOINT)) {
                document.withObject("/paths").putObject(DEBUG_USERS).putObject("get")
                        .put("operationId", "debugListAllUsers").putObject("responses").putObject("200").put("description", "OK");
            }
            return json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONTRACT_DOCUMENT, e);
        }
    }

    /**
     * Writes the answer's body itself, flushing after its first byte: the response is committed before its
     * length is known, so it goes out with Transfer-Encoding: chunked instead of Content-Length.
     */
    private static void sendChunked(Context ctx) throws IOException {
        java.io.InputStream result = ctx.resultInputStream();
        byte[] body = result == null ? new byte[0] : result.readAllBytes();
        if (body.length == 0) return;
        ctx.result(new byte[0]);
        var out = ctx.res().getOutputStream(); // not Javalin's, which holds small bodies back to choose compression
        out.write(body, 0, 1);
        out.flush();
        out.write(body, 1, body.length - 1);
    }

    /** A forced drop for this call, else the flaky draw; never for /health, the preflight's call. */
    private Flakiness.Drop drop(Context ctx) {
        if (HEALTH.equals(ctx.path())) return null;
        Flakiness.Drop forced = forcedDrops.remove(ctx.method().name() + " " + ctx.path());
        return forced != null ? forced : flakiness.drawDrop();
    }

    /**
     * Closes the connection under the request: no status line, no headers, nothing. Closing Jetty's
     * EndPoint closes the socket itself; whatever Javalin writes afterwards goes nowhere.
     */
    private static void dropConnection(Context ctx) {
        ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                .getEndPoint().close();
    }

    /**
     * HEAD answers like GET (authentication included) rather than Javalin's unauthenticated empty 200;
     * or 405, which the contract allows as well (§7a).
     */
    private void get(JavalinConfig cfg, String path, Handler handler) {
        cfg.routes.get(path, handler);
        cfg.routes.head(path, takes(Freedom.HEAD_ANSWERED_405) ? ctx -> {
            ctx.header("Allow", "GET");
            throw ApiError.of(405, "Method Not Allowed");
        } : handler);
    }

    /** Any origin, never with credentials: browsers then send no cookies or auth along (a preflight answers 204). */
    private static void corsWithoutCredentials(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        if (ctx.method().name().equals("OPTIONS") && ctx.header("Access-Control-Request-Method") != null) {
            ctx.skipRemainingHandlers();
            ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE")
                    .header("Access-Control-Allow-Headers", "Authorization, Content-Type").status(204);
            ctx.res().setContentType(null);
        }
    }

    /** An admin route: guarded like any other, unless a fault puts the role check in front of authentication. */
    private Handler admin(Protected handler) {
        Handler authenticated = guarded(handler);
        return ctx -> {
            if (on(Fault.RBAC_ADMIN_CHECK_BEFORE_AUTHENTICATION) && ctx.header("Authorization") == null) {
                throw ApiError.of(403, "Admin access required"); // "no role, no admin": but no token is 401
            }
            authenticated.handle(ctx);
        };
    }

    /** Bearer authentication, then the per-(user, method, path) rate limit, then the handler. */
    private Handler guarded(Protected handler) {
        return ctx -> {
            Api.Caller caller = api.authenticate(ctx);
            RateLimiter.Decision d = limiter.acquire(rateLimitKey(ctx, caller));
            String limit = String.valueOf(d.limit());
            if (!d.allowed()) {
                throw new ApiError(429, "Rate limit exceeded", Map.of("X-RateLimit-Limit", limit,
                        "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", String.valueOf(d.resetEpochSeconds())));
            }
            if (takes(Freedom.RATE_LIMIT_HEADERS_ON_EVERY_ANSWER)) {
                ctx.header("X-RateLimit-Limit", limit).header("X-RateLimit-Remaining", String.valueOf(d.remaining()))
                        .header("X-RateLimit-Reset", String.valueOf(d.resetEpochSeconds()));
            } else if (!takes(Freedom.RATE_LIMIT_HEADERS_ONLY_ON_429)) {
                ctx.header("X-RateLimit-Limit", limit).header("X-RateLimit-Remaining", String.valueOf(d.remaining()));
            }
            handler.handle(ctx, caller);
        };
    }

    /** CONTRACT.md section 7: per user and per method + concrete path; the query string does not count. */
    private String rateLimitKey(Context ctx, Api.Caller caller) {
        String who = on(Fault.RATE_LIMIT_KEYED_PER_TENANT) ? caller.tenantId()
                : on(Fault.RATE_LIMIT_KEYED_PER_TOKEN) ? String.valueOf(ctx.header("Authorization"))
                : caller.user().id();
        String method = on(Fault.RATE_LIMIT_KEYED_WITHOUT_METHOD) ? "*" : ctx.method().name();
        String path = on(Fault.RATE_LIMIT_KEYED_BY_ROUTE) ? ctx.endpoint().path
                : on(Fault.RATE_LIMIT_QUERY_STRING_IN_KEY) ? ctx.fullUrl()
                : ctx.path();
        return who + " " + method + " " + path;
    }

    /** Requests Jetty refuses before routing (malformed URI, %00, oversized headers) still answer JSON. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) {
            String detail = org.eclipse.jetty.http.HttpStatus.getMessage(code);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(("{\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    /**
     * {@code reference.http.rejectUpgrade}: a request asking for another protocol ({@code Upgrade: h2c} with
     * {@code Connection: Upgrade, HTTP2-Settings}, as java.net.http sends by default on http://) is answered
     * 400 before routing, the way uvicorn 0.17 answers it ("Unsupported upgrade request").
     */
    private static final Filter REJECT_UPGRADE = (req, res, chain) -> {
        HttpServletRequest http = (HttpServletRequest) req;
        String connection = http.getHeader("Connection");
        boolean upgrade = http.getHeader("Upgrade") != null
                || connection != null && connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade");
        if (!upgrade) {
            chain.doFilter(req, res);
            return;
        }
        var response = (jakarta.servlet.http.HttpServletResponse) res;
        response.setStatus(400);
        response.setContentType("application/json");
        response.getOutputStream().write("{\"detail\":\"Unsupported upgrade request\"}".getBytes(StandardCharsets.UTF_8));
    };

    /**
     * Javalin routes by X-HTTP-Method-Override when present; the contract's API (FastAPI) does not,
     * and honouring it would let a POST act as a DELETE. The filter hides the header from Javalin.
     */
    /**
     * The one worker: requests queue (fairly, in arrival order) and are processed one after another,
     * everything included (authentication, hashing, the answer), as by a one-process async server.
     */
    private static Filter oneAtATime() {
        ReentrantLock worker = new ReentrantLock(true);
        return (req, res, chain) -> {
            worker.lock();
            try {
                chain.doFilter(req, res);
            } finally {
                worker.unlock();
            }
        };
    }

    private static final Filter IGNORE_METHOD_OVERRIDE = (req, res, chain) ->
            chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) req) {
                private boolean hidden(String name) {
                    return "X-HTTP-Method-Override".equalsIgnoreCase(name);
                }

                @Override
                public String getHeader(String name) {
                    return hidden(name) ? null : super.getHeader(name);
                }

                @Override
                public Enumeration<String> getHeaders(String name) {
                    return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
                }
            }, res);
}
