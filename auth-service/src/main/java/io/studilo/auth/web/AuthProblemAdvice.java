package io.studilo.auth.web;

import io.studilo.auth.account.InvalidFieldsException;
import io.studilo.common.web.ProblemType;
import io.studilo.common.web.Problems;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Business-rule violations (password policy, e-mail shape) as the same 400 validation problem as Bean Validation,
 * and an unreachable PostgreSQL or Redis as a 503 the client may retry (not a 500: nothing is wrong with the
 * request or the code).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuthProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(AuthProblemAdvice.class);

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(DataAccessResourceFailureException ex) {
        log.warn("A data store is unreachable: {}", ex.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Problems.of(ProblemType.SERVICE_UNAVAILABLE, "Sign-in is briefly unavailable. Please retry."));
    }

    @ExceptionHandler(InvalidFieldsException.class)
    ResponseEntity<ProblemDetail> invalidFields(InvalidFieldsException ex) {
        List<Map<String, String>> errors = ex.violations().stream()
                .map(v -> Map.of("field", v.field(), "message", v.message()))
                .toList();
        return ResponseEntity.badRequest().body(Problems.validation("The request has invalid fields.", errors));
    }
}
