package io.studilo.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.studilo.auth.account.InvalidFieldsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class AuthProblemAdviceTest {

    private final AuthProblemAdvice advice = new AuthProblemAdvice();

    @Test
    void answersRuleViolationsAsValidationProblemsWithErrors() {
        ResponseEntity<ProblemDetail> response = advice.invalidFields(new InvalidFieldsException(
                List.of(new InvalidFieldsException.Violation("password", "must be at least 10 characters long"))));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().getType()).hasToString("https://studilo.io/problems/validation");
        assertThat(response.getBody().getProperties().get("errors"))
                .isEqualTo(List.of(Map.of("field", "password", "message", "must be at least 10 characters long")));
    }

    @Test
    void answersAnUnreachableStoreAsRetryable503WithoutItsMessage() {
        DataAccessResourceFailureException redisDown =
                new RedisConnectionFailureException("Unable to connect to 10.0.0.7:6379 (secret detail)");

        ResponseEntity<ProblemDetail> response = advice.storeUnavailable(redisDown);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(response.getBody().getType()).hasToString("https://studilo.io/problems/service-unavailable");
        assertThat(response.getBody().getDetail()).doesNotContain("10.0.0.7");
    }
}
