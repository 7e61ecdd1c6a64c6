package io.studilo.exam.question;

import io.studilo.common.security.CurrentUser;
import io.studilo.common.web.ProblemException;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/questions/anki?documentId=}: the document's bank as an Anki deck. */
@RestController
class AnkiController {

    static final MediaType TSV = MediaType.parseMediaType("text/tab-separated-values;charset=UTF-8");

    private final QuestionBankService banks;

    AnkiController(QuestionBankService banks) {
        this.banks = banks;
    }

    @GetMapping("/api/questions/anki")
    ResponseEntity<String> anki(@RequestParam UUID documentId) {
        String deck = banks.ankiDeck(CurrentUser.ownerId(), documentId)
                .orElseThrow(() -> ProblemException.notFound("Document"));
        return ResponseEntity.ok()
                .contentType(TSV)
                .header("Content-Disposition", "attachment; filename=\"studilo-" + documentId + ".txt\"")
                .body(deck);
    }
}
