package io.studilo.planner.plan;

import io.studilo.common.security.CurrentUser;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Study plans (API.md "Study plans"). Everything is scoped to the caller: another user's plan is a 404. */
@RestController
@RequestMapping("/api/plans")
class PlanController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final PlanService plans;
    private final IcsWriter ics;

    PlanController(PlanService plans, IcsWriter ics) {
        this.plans = plans;
        this.ics = ics;
    }

    @PostMapping
    ResponseEntity<PlanResponse> create(@Valid @RequestBody CreatePlanRequest request) {
        Plan plan = plans.create(CurrentUser.ownerId(), request);
        return ResponseEntity.created(URI.create("/api/plans/" + plan.id())).body(view(plan));
    }

    @GetMapping
    List<PlanResponse> list() {
        return plans.list(CurrentUser.ownerId()).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    PlanResponse get(@PathVariable UUID id) {
        return view(plans.get(CurrentUser.ownerId(), id));
    }

    @PostMapping("/{id}/sessions/{sessionId}/complete")
    PlanResponse complete(@PathVariable UUID id, @PathVariable UUID sessionId) {
        return view(plans.complete(CurrentUser.ownerId(), id, sessionId));
    }

    @GetMapping("/{id}/calendar.ics")
    ResponseEntity<String> calendar(@PathVariable UUID id) {
        Plan plan = plans.get(CurrentUser.ownerId(), id);
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"studilo-plan-" + plan.id() + ".ics\"")
                .body(ics.write(plan));
    }

    private PlanResponse view(Plan plan) {
        return PlanResponse.of(plan, plans.progress(plan));
    }
}
