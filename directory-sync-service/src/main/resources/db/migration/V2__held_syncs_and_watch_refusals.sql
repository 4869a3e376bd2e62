-- A full sync that would wipe (part of) a tenant is HELD instead: why, and its numbers.
ALTER TABLE sync_run ADD COLUMN held_reason    TEXT;
ALTER TABLE sync_run ADD COLUMN held_deletions INT NOT NULL DEFAULT 0;
ALTER TABLE sync_run ADD COLUMN known_users    INT NOT NULL DEFAULT 0;
ALTER TABLE sync_run ADD COLUMN resolved_at    TIMESTAMPTZ;
ALTER TABLE sync_run ADD COLUMN resolved_by    TEXT;

-- The tombstones a HELD run did not emit; an operator's confirm emits them.
CREATE TABLE held_deletion (
    run_id     UUID NOT NULL,
    tenant_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    PRIMARY KEY (run_id, user_id)
);
CREATE INDEX held_deletion_user ON held_deletion (tenant_id, user_id);

-- When the tenant's channel was opened: a channel Google granted less life than asked is renewed
-- relative to what it got.
ALTER TABLE watch_channel ADD COLUMN opened_at TIMESTAMPTZ;

-- users.watch refused: Google's reason, how many times in a row, when to try again.
CREATE TABLE watch_refusal (
    tenant_id        TEXT PRIMARY KEY,
    failures         INT         NOT NULL,
    reason           TEXT        NOT NULL,
    message          TEXT,
    last_attempt_at  TIMESTAMPTZ NOT NULL,
    next_attempt_at  TIMESTAMPTZ NOT NULL
);
