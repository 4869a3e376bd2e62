-- Watch notifications waiting to be read, one row per user: a notification is recorded before
-- Google gets its 200, so a crash loses none, and a burst of notifications of one user is one read.
-- received_at is the latest notification's time: a full sync started after it covers the row.
CREATE TABLE pending_notification (
    tenant_id       TEXT        NOT NULL,
    user_id         TEXT        NOT NULL,
    deleted         BOOLEAN     NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    lease_until     TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE INDEX pending_notification_due ON pending_notification (next_attempt_at);
