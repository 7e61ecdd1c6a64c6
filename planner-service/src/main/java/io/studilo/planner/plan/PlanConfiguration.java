package io.studilo.planner.plan;

import io.studilo.planner.PlannerProperties;
import io.studilo.planner.fsrs.Fsrs;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlanConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Fsrs fsrs(PlannerProperties properties) {
        PlannerProperties.Fsrs fsrs = properties.fsrs();
        return new Fsrs(
                fsrs.parameters().isEmpty() ? Fsrs.DEFAULT_PARAMETERS : fsrs.parameters(),
                fsrs.desiredRetention(),
                fsrs.maximumIntervalDays());
    }
}
