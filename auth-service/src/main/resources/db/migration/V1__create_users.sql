-- Accounts. The e-mail is stored normalised (trimmed, lower-cased) so the unique constraint is the one
-- place that decides "already registered" (no check-then-insert race).
create table users (
    id            uuid primary key,
    email         varchar(254) not null,
    display_name  varchar(100) not null,
    password_hash varchar(255) not null,
    roles         text[]       not null default '{USER}',
    created_at    timestamptz  not null default now(),
    constraint users_email_key unique (email)
);
