-- Secrets encrypted with a master key (AES-256-GCM): never stored in clear.
CREATE TABLE vault_secret (
    id             UUID PRIMARY KEY,
    master_key_id  TEXT        NOT NULL,
    nonce          BYTEA       NOT NULL,
    ciphertext     BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE tenant (
    id                      TEXT PRIMARY KEY,
    display_name            TEXT        NOT NULL,
    primary_domain          TEXT        NOT NULL,
    admin_email             TEXT        NOT NULL,
    status                  TEXT        NOT NULL,
    auto_push               BOOLEAN     NOT NULL,
    sync_interval_seconds   BIGINT      NOT NULL,
    delegation_mode         TEXT        NOT NULL,
    own_key_secret_id       UUID REFERENCES vault_secret (id),
    dwd_client_id           TEXT,
    dwd_client_email        TEXT,
    suspended               BOOLEAN     NOT NULL DEFAULT FALSE,
    deleted_at              TIMESTAMPTZ,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL,
    version                 BIGINT      NOT NULL DEFAULT 0
);

-- A domain belongs to one live tenant at most; a deleted tenant's domains are released.
CREATE TABLE tenant_domain (
    domain     TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenant (id),
    position   INT  NOT NULL
);
CREATE INDEX tenant_domain_tenant ON tenant_domain (tenant_id);

-- API keys are stored as SHA-256 hashes of their secret part.
CREATE TABLE api_key (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT        NOT NULL REFERENCES tenant (id),
    secret_hash  BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_key_tenant ON api_key (tenant_id);

-- The operator's shared service account (one row at most).
CREATE TABLE shared_service_account (
    id             INT PRIMARY KEY CHECK (id = 1),
    key_secret_id  UUID        NOT NULL REFERENCES vault_secret (id),
    client_id      TEXT        NOT NULL,
    client_email   TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE verification_run (
    id           UUID PRIMARY KEY,
    tenant_id    TEXT        NOT NULL REFERENCES tenant (id),
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL,
    passed       BOOLEAN     NOT NULL,
    items        TEXT        NOT NULL
);
CREATE INDEX verification_run_tenant ON verification_run (tenant_id, started_at DESC);

-- Transactional outbox: written with the change, relayed to Kafka in id order.
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
