-- Records this service's consumers could not process (their copy is on the source topic's .dlq
-- topic), and what re-driving them did. Repeatable and idempotent: it lives beside each service's
-- own versioned migrations without taking a version number from them.
create table if not exists dead_letter (
    id               bigserial primary key,
    topic            text        not null,
    partition_no     int         not null,
    record_offset    bigint      not null,
    record_key       text,
    record_value     text,
    reason           text        not null,
    detail           text,
    status           text        not null,
    dead_lettered_at timestamptz not null,
    updated_at       timestamptz not null,
    redrives         int         not null default 0,
    unique (topic, partition_no, record_offset)
);
create index if not exists dead_letter_open on dead_letter (topic, record_key) where status = 'OPEN';
create index if not exists dead_letter_listed on dead_letter (status, id);
