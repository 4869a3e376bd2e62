-- Tenants seen deleted on signet.tenants: their access tokens stay refused (service-support's
-- DeletedTenants and TenantStandingFilter) after the read model forgot them. Ids are never reused.
CREATE TABLE deleted_tenant (
    tenant_id   TEXT PRIMARY KEY,
    deleted_at  TIMESTAMPTZ NOT NULL
);
