package io.studilo.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc-123", "web:7f3e.2", "0b6d3c1e-7d1e-4b7a-9f57-9b1f3f8f2a10"})
    void keepsASafeId(String id) {
        assertThat(RequestIdFilter.accept(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "line\r\nbreak", "<script>", "ünïcode"})
    void replacesAnUnsafeOrMissingId(String id) {
        assertThat(RequestIdFilter.accept(id)).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 1000})
    void replacesAnIdThatIsTooLong(int length) {
        assertThat(RequestIdFilter.accept("a".repeat(length))).hasSize(36);
    }
}
