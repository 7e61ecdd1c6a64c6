-- Messages written in the business transaction and published to RabbitMQ by the relay (FOR UPDATE SKIP LOCKED).
CREATE TABLE outbox (
    id              bigserial PRIMARY KEY,
    message_id      uuid        NOT NULL UNIQUE,
    exchange        text        NOT NULL,
    routing_key     text        NOT NULL,
    payload_type    text        NOT NULL,
    payload         text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id);
