package io.studilo.exam.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.studilo.common.security.CurrentUser;
import io.studilo.exam.session.ExamApi.AnswerRequest;
import io.studilo.exam.session.ExamApi.AnswerResult;
import io.studilo.exam.session.ExamApi.CreateExam;
import io.studilo.exam.session.ExamApi.ExamState;
import io.studilo.exam.session.ExamApi.ExamView;
import io.studilo.exam.session.ExamApi.Mastery;
import io.studilo.exam.session.ExamApi.NextQuestion;
import io.studilo.exam.session.ExamApi.Report;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The exams API (API.md "Exams"). Everything is scoped to the token's subject. */
@RestController
class ExamController {

    private final ExamService service;
    private final Timer createLatency;
    private final Timer nextLatency;
    private final Timer answerLatency;

    ExamController(ExamService service, MeterRegistry meters) {
        this.service = service;
        this.createLatency = latency(meters, "create");
        this.nextLatency = latency(meters, "next");
        this.answerLatency = latency(meters, "answer");
    }

    private static Timer latency(MeterRegistry meters, String operation) {
        return Timer.builder("studilo.exam.session.latency")
                .description("Latency of exam-session operations")
                .tag("operation", operation)
                .publishPercentileHistogram()
                .register(meters);
    }

    @PostMapping("/api/exams")
    ResponseEntity<ExamView> create(@Valid @RequestBody CreateExam request) {
        UUID owner = CurrentUser.ownerId();
        ExamView exam = timed(createLatency, () -> service.create(owner, request));
        return ResponseEntity.created(URI.create("/api/exams/" + exam.id())).body(exam);
    }

    @GetMapping("/api/exams/{id}/next")
    ResponseEntity<NextQuestion> next(@PathVariable UUID id) {
        UUID owner = CurrentUser.ownerId();
        return timed(nextLatency, () -> service.next(owner, id))
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/api/exams/{id}/answers")
    AnswerResult answer(@PathVariable UUID id, @Valid @RequestBody AnswerRequest request) {
        UUID owner = CurrentUser.ownerId();
        return timed(answerLatency, () -> service.answer(owner, id, request));
    }

    @GetMapping("/api/exams/{id}")
    ExamState exam(@PathVariable UUID id) {
        return service.state(CurrentUser.ownerId(), id);
    }

    @GetMapping("/api/exams/{id}/report")
    Report report(@PathVariable UUID id) {
        return service.report(CurrentUser.ownerId(), id);
    }

    @GetMapping("/api/mastery")
    List<Mastery> mastery() {
        return service.mastery(CurrentUser.ownerId());
    }

    private static <T> T timed(Timer timer, Supplier<T> call) {
        return timer.record(call);
    }
}
