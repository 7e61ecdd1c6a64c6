package io.studilo.auth.web;

import io.studilo.auth.account.InvalidFieldsException;
import io.studilo.common.web.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Business-rule violations (password policy, e-mail shape) as the same 400 validation problem as Bean Validation. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuthProblemAdvice {

    @ExceptionHandler(InvalidFieldsException.class)
    ResponseEntity<ProblemDetail> invalidFields(InvalidFieldsException ex) {
        List<Map<String, String>> errors = ex.violations().stream()
                .map(v -> Map.of("field", v.field(), "message", v.message()))
                .toList();
        return ResponseEntity.badRequest().body(Problems.validation("The request has invalid fields.", errors));
    }
}
