package io.studilo.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.auth.AuthProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(new AuthProperties(
            Duration.ofMinutes(15),
            Duration.ofDays(14),
            Duration.ofDays(30),
            new AuthProperties.Keys("", "unused"),
            new AuthProperties.Password(10, 128, 19456, 2, 1),
            new AuthProperties.LoginThrottle(Duration.ofMinutes(15), 5, 50),
            List.of("127.0.0.1", "10.0.0.0/8"),
            null));

    @Test
    void usesThePeerWhenThereIsNoProxy() {
        assertThat(addresses.of(request("203.0.113.7", null))).isEqualTo("203.0.113.7");
    }

    @Test
    void ignoresForwardedForFromAnUntrustedPeer() {
        assertThat(addresses.of(request("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void believesTheAddressTheTrustedGatewaySaw() {
        assertThat(addresses.of(request("127.0.0.1", "198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void cannotBeSpoofedByAClientSentForwardedFor() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; the gateway appended the address it really saw.
        assertThat(addresses.of(request("127.0.0.1", "1.2.3.4, 198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void skipsTrustedProxiesInTheChain() {
        assertThat(addresses.of(request("10.1.2.3", "198.51.100.1, 10.0.0.5"))).isEqualTo("198.51.100.1");
    }

    @Test
    void fallsBackToThePeerOnGarbage() {
        assertThat(addresses.of(request("127.0.0.1", "not-an-ip"))).isEqualTo("127.0.0.1");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/login");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
