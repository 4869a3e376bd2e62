-- A user at Google's per-user rate limit: none of the user's addresses is claimed before
-- "Retry after" (Google limits the user, not one address), while the project's pace is untouched.
create table push_user_hold (
    tenant_id  text        not null,
    user_id    text        not null,
    until      timestamptz not null,
    reason     text        not null,
    primary key (tenant_id, user_id)
);
