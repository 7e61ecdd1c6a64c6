package io.studilo.ingestion.document;

import io.studilo.common.security.CurrentUser;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The Documents part of API.md. Every call is scoped to the token's subject. */
@RestController
@RequestMapping("/api/documents")
class DocumentController {

    private final DocumentService service;
    private final ProgressStreams progress;

    DocumentController(DocumentService service, ProgressStreams progress) {
        this.service = service;
        this.progress = progress;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DocumentResponse> upload(
            @RequestPart("file") MultipartFile file,
            @RequestParam(name = "title", required = false) @Nullable String title) {
        Document document = service.upload(CurrentUser.ownerId(), file, title);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/documents/" + document.id()))
                .body(DocumentResponse.of(document, List.of(), List.of()));
    }

    @GetMapping
    List<DocumentResponse> list() {
        UUID owner = CurrentUser.ownerId();
        return service.list(owner).stream()
                .map(d -> DocumentResponse.of(d, service.sections(d.id()), List.of()))
                .toList();
    }

    @GetMapping("/{id}")
    DocumentResponse get(@PathVariable UUID id) {
        Document document = service.get(CurrentUser.ownerId(), id);
        return DocumentResponse.of(document, service.sections(id), service.pages(id));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable UUID id) {
        UUID owner = CurrentUser.ownerId();
        return progress.open(owner, service.get(owner, id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        service.delete(CurrentUser.ownerId(), id);
        return ResponseEntity.noContent().build();
    }
}
