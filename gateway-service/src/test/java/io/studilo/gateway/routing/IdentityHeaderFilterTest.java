package io.studilo.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.gateway.GatewayProperties;
import io.studilo.gateway.TestProperties;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityHeaderFilterTest {

    private final IdentityHeaderFilter filter = new IdentityHeaderFilter(TestProperties.with(
            new GatewayProperties.IdentityHeaders(List.of("X-User-Id", "X-Owner-Id"), List.of("X-Auth-")), 0));

    @ParameterizedTest
    @ValueSource(strings = {"X-User-Id", "x-user-id", "X-OWNER-ID", "X-Auth-Roles", "x-auth-anything"})
    void recognisesIdentityHeadersWhateverTheirCase(String header) {
        assertThat(filter.isIdentityHeader(header)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "X-Request-Id", "Content-Type", "X-Author", "X-User-Idx"})
    void keepsEveryOtherHeader(String header) {
        assertThat(filter.isIdentityHeader(header)).isFalse();
    }
}
