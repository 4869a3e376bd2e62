-- Tenants as signet.tenants describes them.
CREATE TABLE tenant (
    id              TEXT PRIMARY KEY,
    display_name    TEXT,
    primary_domain  TEXT NOT NULL,
    status          TEXT NOT NULL
);

-- The directory read model: each user's latest DirectoryUser event, as JSON.
CREATE TABLE directory_user (
    tenant_id     TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    payload       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE template (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX template_tenant ON template (tenant_id);

-- Every edit is a new version; old versions stay readable.
CREATE TABLE template_version (
    template_id  TEXT        NOT NULL REFERENCES template (id),
    version      INT         NOT NULL,
    source       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (template_id, version)
);

CREATE TABLE assignment_rule (
    id               UUID PRIMARY KEY,
    tenant_id        TEXT    NOT NULL,
    position         INT     NOT NULL,
    audience_kind    TEXT    NOT NULL,
    audience_value   TEXT,
    template_id      TEXT    NOT NULL REFERENCES template (id),
    include_aliases  BOOLEAN NOT NULL
);
CREATE INDEX assignment_rule_tenant ON assignment_rule (tenant_id, position);

CREATE TABLE campaign (
    id              TEXT PRIMARY KEY,
    tenant_id       TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    banner_html     TEXT        NOT NULL,
    start_at        TIMESTAMPTZ NOT NULL,
    end_at          TIMESTAMPTZ NOT NULL,
    audience_kind   TEXT        NOT NULL,
    audience_value  TEXT
);
CREATE INDEX campaign_tenant ON campaign (tenant_id);

-- The content hash last emitted per user and sendAs address.
CREATE TABLE emitted_signature (
    tenant_id      TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    targets_hash   TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
