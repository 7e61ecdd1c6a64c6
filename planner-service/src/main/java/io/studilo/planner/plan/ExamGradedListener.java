package io.studilo.planner.plan;

import io.studilo.common.contracts.ExamGraded;
import io.studilo.planner.messaging.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Adapts the student's plans to each graded exam, once per event. */
@Component
class ExamGradedListener {

    private static final Logger log = LoggerFactory.getLogger(ExamGradedListener.class);

    private final EventLog eventLog;
    private final PlanService plans;

    ExamGradedListener(EventLog eventLog, PlanService plans) {
        this.eventLog = eventLog;
        this.plans = plans;
    }

    @RabbitListener(queues = "${studilo.planner.messaging.exam-graded-queue}")
    @Transactional
    public void onExamGraded(ExamGraded event) {
        if (!eventLog.firstDelivery(event.eventId(), "ExamGraded")) {
            log.debug("Duplicate ExamGraded {} ignored", event.eventId());
            return;
        }
        plans.onExamGraded(event);
    }
}
