package io.studilo.exam.question;

import io.studilo.common.security.CurrentUser;
import io.studilo.common.web.ProblemException;
import java.util.List;
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
    private final QuestionRepository questions;

    AnkiController(QuestionBankService banks, QuestionRepository questions) {
        this.banks = banks;
        this.questions = questions;
    }

    @GetMapping("/api/questions/anki")
    ResponseEntity<String> anki(@RequestParam UUID documentId) {
        UUID owner = CurrentUser.ownerId();
        if (banks.generate(owner, documentId, null, null) == QuestionBankService.Outcome.NO_NOTES) {
            throw ProblemException.notFound("Document");
        }
        List<Question> bank = questions.ofDocument(owner, documentId);
        String title = questions.documentTitle(owner, documentId).orElse("Notes");
        return ResponseEntity.ok()
                .contentType(TSV)
                .header("Content-Disposition", "attachment; filename=\"studilo-" + documentId + ".txt\"")
                .body(AnkiExport.deck(title, bank));
    }
}
