-- Tenants as signet.tenants describes them (a read model).
CREATE TABLE tenant (
    id                     TEXT PRIMARY KEY,
    admin_email            TEXT        NOT NULL,
    domains                TEXT        NOT NULL,
    status                 TEXT        NOT NULL,
    sync_interval_seconds  BIGINT      NOT NULL,
    last_full_sync_at      TIMESTAMPTZ,
    updated_at             TIMESTAMPTZ NOT NULL
);

-- The last content hash emitted per user; seen_run marks users met by a full sync.
CREATE TABLE directory_user (
    tenant_id     TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    seen_run      UUID,
    PRIMARY KEY (tenant_id, user_id)
);

-- Group memberships gathered by a full sync, so user pages read theirs without holding all.
CREATE TABLE group_membership (
    run_id       UUID NOT NULL,
    user_email   TEXT NOT NULL,
    group_email  TEXT NOT NULL
);
CREATE INDEX group_membership_user ON group_membership (run_id, user_email);

CREATE TABLE sync_run (
    id              UUID PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    trigger         TEXT        NOT NULL,
    state           TEXT        NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    pages_read      INT         NOT NULL DEFAULT 0,
    users_read      INT         NOT NULL DEFAULT 0,
    emitted_new     INT         NOT NULL DEFAULT 0,
    emitted_changed INT         NOT NULL DEFAULT 0,
    emitted_deleted INT         NOT NULL DEFAULT 0,
    failure_reason  TEXT
);
CREATE INDEX sync_run_tenant ON sync_run (tenant_id, requested_at DESC);

-- The users.watch channel of a tenant; its token authenticates notifications.
CREATE TABLE watch_channel (
    tenant_id    TEXT PRIMARY KEY,
    channel_id   TEXT        NOT NULL UNIQUE,
    resource_id  TEXT        NOT NULL,
    token        TEXT        NOT NULL,
    expiration   TIMESTAMPTZ NOT NULL
);

-- One queued or running full sync per tenant at most.
CREATE UNIQUE INDEX sync_run_one_active ON sync_run (tenant_id) WHERE state IN ('QUEUED', 'RUNNING');
