package io.mtapi.harness.http;

import io.restassured.config.SSLConfig;
import io.restassured.specification.ProxySpecification;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How every client of the run reaches the target, the preflight included: which certificates it
 * trusts (the JVM's default CAs plus {@code api.tls.trustedCa}, or anything with
 * {@code api.tls.insecure}) and through which proxy ({@code api.proxy.url} or {@code HTTPS_PROXY} /
 * {@code HTTP_PROXY}, bypassed for hosts in {@code NO_PROXY}).
 *
 * @param trustStore the JVM's default CAs plus the configured ones; empty: the JVM's defaults alone
 * @param insecure   trust any certificate and any host name (REST Assured's relaxed validation): dev only
 * @param proxy      the proxy URL ({@code http://[user:password@]host:port}); empty: direct
 * @param noProxy    hosts reached directly: {@code *}, a host, or a domain ({@code .example.com} or {@code example.com})
 */
public record Transport(Optional<KeyStore> trustStore, boolean insecure, Optional<URI> proxy, List<String> noProxy) {

    public static final Transport DIRECT = new Transport(Optional.empty(), false, Optional.empty(), List.of());

    public Transport {
        noProxy = List.copyOf(noProxy);
    }

    /** REST Assured's TLS settings for this transport. */
    SSLConfig ssl() {
        if (insecure) {
            return SSLConfig.sslConfig().relaxedHTTPSValidation();
        }
        return trustStore.map(store -> SSLConfig.sslConfig().trustStore(store)).orElseGet(SSLConfig::sslConfig);
    }

    /**
     * A JDK client with this transport, for the preflight: HTTP/1.1 only (java.net.http defaults to HTTP/2 and
     * asks an http:// target for an upgrade to h2c, which uvicorn 0.17 and some proxies answer with 400), the
     * same trust and proxy as REST Assured's. It starts in milliseconds, so a dead target stops the run fast.
     */
    public java.net.http.HttpClient jdkClient(URI target, java.time.Duration connectTimeout) {
        var builder = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).sslContext(sslContext());
        proxyFor(target).ifPresent(spec -> {
            builder.proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress(spec.getHost(), spec.getPort())));
            if (spec.getUsername() != null) {
                builder.authenticator(new java.net.Authenticator() {
                    @Override
                    protected java.net.PasswordAuthentication getPasswordAuthentication() {
                        return getRequestorType() == RequestorType.PROXY
                                ? new java.net.PasswordAuthentication(spec.getUsername(), spec.getPassword().toCharArray()) : null;
                    }
                });
            }
        });
        if (proxyFor(target).isEmpty()) {
            builder.proxy(java.net.http.HttpClient.Builder.NO_PROXY);
        }
        return builder.build();
    }

    private javax.net.ssl.SSLContext sslContext() {
        try {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            if (insecure) {
                context.init(null, new javax.net.ssl.TrustManager[] {new TrustingAnyone()}, null);
            } else if (trustStore.isPresent()) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trustStore.get());
                context.init(null, factory.getTrustManagers(), null);
            } else {
                return javax.net.ssl.SSLContext.getDefault();
            }
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * {@code api.tls.insecure} for the JDK client, as REST Assured's relaxed validation is for the suites: no
     * certificate check, and (an extended trust manager doing the endpoint check itself) no host name check.
     */
    private static final class TrustingAnyone extends javax.net.ssl.X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The proxy for a request to this target, unless its host is in {@code noProxy}. */
    public Optional<ProxySpecification> proxyFor(URI target) {
        if (proxy.isEmpty() || bypasses(target.getHost())) {
            return Optional.empty();
        }
        URI url = proxy.get();
        int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        ProxySpecification spec = ProxySpecification.host(url.getHost()).withPort(port)
                .withScheme(url.getScheme() == null ? "http" : url.getScheme());
        if (url.getUserInfo() != null && url.getUserInfo().contains(":")) {
            String[] user = url.getUserInfo().split(":", 2);
            spec = spec.withAuth(user[0], user[1]);
        }
        return Optional.of(spec);
    }

    /** Whether a host is reached directly, as curl and most tools read NO_PROXY. */
    boolean bypasses(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String entry : noProxy) {
            String rule = entry.trim().toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
            if (rule.equals("*")) {
                return true;
            }
            String domain = rule.startsWith("*.") ? rule.substring(2) : rule.startsWith(".") ? rule.substring(1) : rule;
            if (!domain.isEmpty() && (name.equals(domain) || name.endsWith("." + domain))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JVM's default trusted CAs plus the certificates of {@code file}: a PEM bundle, or a PKCS12 or
     * JKS trust store (its type found from its content). Added to the defaults, not in place of them.
     */
    public static KeyStore defaultTrustPlus(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore merged = KeyStore.getInstance(KeyStore.getDefaultType());
        merged.load(null, null);
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        int n = 0;
        for (var manager : defaults.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate ca : x509.getAcceptedIssuers()) {
                    merged.setCertificateEntry("default-" + n++, ca);
                }
            }
        }
        List<Certificate> configured = certificates(file, password);
        if (configured.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        for (int i = 0; i < configured.size(); i++) {
            merged.setCertificateEntry("configured-" + i, configured.get(i));
        }
        return merged;
    }

    private static List<Certificate> certificates(Path file, char[] password) throws IOException, GeneralSecurityException {
        byte[] content = Files.readAllBytes(file);
        if (new String(content, 0, Math.min(content.length, 4096), java.nio.charset.StandardCharsets.US_ASCII)
                .contains("-----BEGIN CERTIFICATE-----")) {
            try (InputStream in = Files.newInputStream(file)) {
                return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
        }
        KeyStore store = KeyStore.getInstance(file.toFile(), password); // PKCS12 or JKS, by content
        List<Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate certificate = store.getCertificate(alias);
            if (certificate != null) {
                certificates.add(certificate);
            }
        }
        return certificates;
    }
}
