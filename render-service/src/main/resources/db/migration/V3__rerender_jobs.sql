-- Whole-tenant re-renders as durable work: one row per tenant, written in the transaction of the
-- change that needs it, so a crash or a restart loses nothing. A second change while the row is
-- PENDING or RUNNING restarts it (cursor back to the start) instead of queueing another pass.
CREATE TABLE rerender_job (
    tenant_id       TEXT PRIMARY KEY,
    state           TEXT        NOT NULL,  -- PENDING, RUNNING, DONE
    cause           TEXT        NOT NULL,  -- the latest change's RenderCause
    -- the last user id rendered in this pass (users go in id order); NULL: from the start
    cursor_user_id  TEXT,
    users_done      INT         NOT NULL DEFAULT 0,
    users_total     INT         NOT NULL DEFAULT 0,
    requested_at    TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    -- when the job last got a batch: workers take the job waiting longest, so tenants alternate
    last_batch_at   TIMESTAMPTZ
);
CREATE INDEX rerender_job_open ON rerender_job (last_batch_at NULLS FIRST, requested_at)
    WHERE state <> 'DONE';

-- The campaigns live for a tenant as last queued for rendering (ids sorted, comma-separated):
-- each check compares it with the campaigns live now, so an edge that passed while the service
-- was down is still rendered.
CREATE TABLE campaign_state (
    tenant_id     TEXT PRIMARY KEY,
    live_ids      TEXT        NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
