package io.mtapi.harness.http;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Proxies are used as users expect from HTTPS_PROXY and NO_PROXY. */
@Tag("selftest")
@DisplayName("Proxy and NO_PROXY")
class TransportTest {

    private static final Transport VIA_PROXY = new Transport(Optional.empty(), false,
            Optional.of(URI.create("http://qa:s3cret@proxy.corp.example:3128")),
            List.of("localhost", ".internal.example", "*.svc.example", "10.0.0.7:8443"));

    @Test
    void hostsInNoProxyAreReachedDirectlyAndOthersThroughTheProxyWithItsCredentials() {
        assertThat(VIA_PROXY.proxyFor(URI.create("https://localhost:8443"))).isEmpty();
        assertThat(VIA_PROXY.proxyFor(URI.create("https://api.internal.example"))).isEmpty();
        assertThat(VIA_PROXY.proxyFor(URI.create("https://internal.example"))).isEmpty();
        assertThat(VIA_PROXY.proxyFor(URI.create("https://a.b.svc.example"))).isEmpty();
        assertThat(VIA_PROXY.proxyFor(URI.create("https://10.0.0.7:8443"))).isEmpty();
        assertThat(VIA_PROXY.proxyFor(URI.create("https://notinternal.example"))).isPresent();

        var proxy = VIA_PROXY.proxyFor(URI.create("https://stage.example.com")).orElseThrow();
        assertThat(proxy.getHost()).isEqualTo("proxy.corp.example");
        assertThat(proxy.getPort()).isEqualTo(3128);
        assertThat(proxy.getUsername()).isEqualTo("qa");
    }

    @Test
    void aStarInNoProxyAndNoProxyAtAllMeanDirect() {
        Transport star = new Transport(Optional.empty(), false, Optional.of(URI.create("http://proxy:3128")), List.of("*"));
        assertThat(star.proxyFor(URI.create("https://stage.example.com"))).isEmpty();
        assertThat(Transport.DIRECT.proxyFor(URI.create("https://stage.example.com"))).isEmpty();
    }
}
