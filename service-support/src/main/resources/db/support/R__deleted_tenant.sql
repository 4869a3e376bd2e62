-- Tenants seen deleted on signet.tenants: their access tokens stay refused (DeletedTenants and
-- TenantStandingFilter) after the read model forgot them. Ids are never reused. Repeatable and
-- idempotent, shipped once here for every service that reads signet.tenants.
create table if not exists deleted_tenant (
    tenant_id   text primary key,
    deleted_at  timestamptz not null
);
