package io.studilo.rag.answer;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers in Redis under {@code studilo:rag:answer:<key>}, where the key already names the owner, the
 * normalised question, the document filter and the owner's corpus version. Redis trouble never fails a
 * question: the cache is skipped.
 */
public class AnswerCache {

    private static final Logger log = LoggerFactory.getLogger(AnswerCache.class);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final String prefix;
    private final Duration ttl;

    public AnswerCache(StringRedisTemplate redis, ObjectMapper json, String prefix, Duration ttl) {
        this.redis = redis;
        this.json = json;
        this.prefix = prefix + "answer:";
        this.ttl = ttl;
    }

    public Optional<Answer> get(String key) {
        try {
            String value = redis.opsForValue().get(prefix + key);
            return value == null ? Optional.empty() : Optional.of(json.readValue(value, Answer.class));
        } catch (RuntimeException e) {
            log.warn("answer cache read failed: {}", e.toString());
            return Optional.empty();
        }
    }

    public void put(String key, Answer answer) {
        try {
            redis.opsForValue().set(prefix + key, json.writeValueAsString(answer), ttl);
        } catch (RuntimeException e) {
            log.warn("answer cache write failed: {}", e.toString());
        }
    }
}
