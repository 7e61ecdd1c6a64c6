package io.studilo.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis token-bucket limiter, with Spring Cloud Gateway's own Lua script read once at start-up. (The
 * auto-configured script is a classpath resource that checks its last-modified time on every call, which in
 * a packaged jar opens the jar entry each time: measured at several milliseconds of CPU per request.)
 */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfiguration {

    static final String SCRIPT = "META-INF/scripts/request_rate_limiter.lua";

    @Bean
    RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configurationService) {
        return new RedisRateLimiter(redis, tokenBucketScript(), configurationService);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static RedisScript<List<Long>> tokenBucketScript() {
        try {
            String lua = new ClassPathResource(SCRIPT).getContentAsString(StandardCharsets.UTF_8);
            return new DefaultRedisScript(lua, List.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Spring Cloud Gateway's rate-limiter script is missing: " + SCRIPT, e);
        }
    }
}
