package io.studilo.rag.corpus;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Per-owner corpus versions in Redis ({@code studilo:rag:corpus:<owner>}). An event moves the version once:
 * the event id is recorded with SET NX in the same Lua script that increments, so a redelivered event is a
 * no-op (idempotent by the event id's natural key, atomically).
 */
public class CorpusVersions {

    private static final RedisScript<Long> BUMP_ONCE = new DefaultRedisScript<>("""
            if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
              return redis.call('INCR', KEYS[2])
            end
            return -1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Duration eventMemory;

    public CorpusVersions(StringRedisTemplate redis, String prefix, Duration eventMemory) {
        this.redis = redis;
        this.prefix = prefix;
        this.eventMemory = eventMemory;
    }

    /** The owner's current version (0 before any event). */
    public long current(UUID ownerId) {
        String value = redis.opsForValue().get(versionKey(ownerId));
        return value == null ? 0 : Long.parseLong(value);
    }

    /** Moves the owner's version for this event unless the event was applied before; true when it moved. */
    public boolean bump(UUID ownerId, UUID eventId) {
        Long result = redis.execute(
                BUMP_ONCE,
                List.of(prefix + "event:" + eventId, versionKey(ownerId)),
                Long.toString(eventMemory.toMillis()));
        return result != null && result >= 0;
    }

    private String versionKey(UUID ownerId) {
        return prefix + "corpus:" + ownerId;
    }
}
