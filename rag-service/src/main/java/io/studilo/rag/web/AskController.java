package io.studilo.rag.web;

import io.studilo.common.security.CurrentUser;
import io.studilo.common.web.ProblemException;
import io.studilo.common.web.ProblemType;
import io.studilo.common.web.Problems;
import io.studilo.rag.RagProperties;
import io.studilo.rag.answer.Answer;
import io.studilo.rag.answer.AskService;
import io.studilo.rag.answer.Citation;
import io.studilo.rag.retrieval.Knowledge.KnowledgeUnavailable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Search and grounded answers over the caller's own notes; the owner is always the token's subject. */
@RestController
class AskController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AskController.class);

    static final ProblemType INDEX_UNAVAILABLE =
            ProblemType.of("knowledge-unavailable", "Notes temporarily unavailable", HttpStatus.SERVICE_UNAVAILABLE);

    private final AskService service;
    private final RagProperties.Limits limits;

    AskController(AskService service, RagProperties props) {
        this.service = service;
        this.limits = props.limits();
    }

    record SearchRequest(
            @NotBlank String query,
            @Nullable List<UUID> documentIds,
            @Nullable Integer limit) {}

    record SearchResponse(List<Citation> results) {}

    record AskRequest(@NotBlank String question, @Nullable List<UUID> documentIds) {}

    @PostMapping("/api/search")
    SearchResponse search(@Valid @RequestBody SearchRequest request) {
        checkText("query", request.query());
        Set<UUID> documents = documents(request.documentIds());
        int limit = request.limit() == null ? limits.defaultLimit() : request.limit();
        if (limit < 1 || limit > limits.maxLimit()) {
            throw invalid("limit must be between 1 and " + limits.maxLimit() + ".");
        }
        return new SearchResponse(service.search(CurrentUser.ownerId(), request.query(), documents, limit));
    }

    @PostMapping("/api/ask")
    ResponseEntity<Answer> ask(
            @Valid @RequestBody AskRequest request,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
        checkText("question", request.question());
        Set<UUID> documents = documents(request.documentIds());
        UUID owner = CurrentUser.ownerId();
        String key = service.cacheKey(owner, request.question(), documents);
        CacheControl cacheControl = CacheControl.noCache().cachePrivate();
        if (key == null) {
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .body(service.ask(owner, request.question(), documents, null));
        }
        String etag = "\"" + key.substring(key.lastIndexOf(':') + 1) + "-" + key.split(":")[1] + "\"";
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(etag)
                    .cacheControl(cacheControl)
                    .build();
        }
        Answer answer = service.ask(owner, request.question(), documents, key);
        return ResponseEntity.ok().eTag(etag).cacheControl(cacheControl).body(answer);
    }

    /** Index or embeddings down, slow, or the breaker open: 503 at once, with when to come back. */
    @ExceptionHandler(KnowledgeUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(KnowledgeUnavailable e) {
        log.warn("knowledge layer unavailable: {}", String.valueOf(e.getCause()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(Problems.of(
                        INDEX_UNAVAILABLE, "Your notes can't be searched right now. Please try again shortly."));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag) || tag.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private void checkText(String field, String text) {
        if (text.length() > limits.maxQuestionLength()) {
            throw invalid(field + " must be at most " + limits.maxQuestionLength() + " characters.");
        }
    }

    private Set<UUID> documents(@Nullable List<UUID> documentIds) {
        if (documentIds == null) {
            return Set.of();
        }
        if (documentIds.size() > limits.maxDocumentIds()) {
            throw invalid("documentIds may name at most " + limits.maxDocumentIds() + " documents.");
        }
        if (documentIds.stream().anyMatch(java.util.Objects::isNull)) {
            throw invalid("documentIds must not contain null.");
        }
        return Set.copyOf(documentIds);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.VALIDATION, detail);
    }
}
