-- When pushing to the tenant last resumed here (an admin's retry, or the tenant active again): a
-- refusal met by a push claimed before then may predate the fix, and pauses nothing.
alter table push_tenant add column resumed_at timestamptz;
