-- Transactional outbox (the same table as tenant-service's, relayed by service-support's Outbox):
-- a user's DirectoryUser event or tombstone is written in the transaction that records its hash,
-- and relayed to signet.directory-users in id order, so nothing recorded is ever left unpublished.
CREATE TABLE outbox_event (
    id            BIGSERIAL PRIMARY KEY,
    topic         TEXT        NOT NULL,
    record_key    TEXT        NOT NULL,
    payload       TEXT,
    ce_type       TEXT,
    ce_id         TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    published_at  TIMESTAMPTZ
);
CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;
