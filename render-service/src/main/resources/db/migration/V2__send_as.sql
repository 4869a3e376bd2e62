-- Gmail's sendAs addresses per user, as push-service last listed them (signet.send-as): they,
-- not the Directory's aliases, decide which addresses get a signature.
CREATE TABLE send_as (
    tenant_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    payload    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

-- Every domain of the tenant (a sendAs address in one of them is the tenant's own), and whether
-- push-service creates the sendAs entries Directory aliases lack.
ALTER TABLE tenant ADD COLUMN domains TEXT NOT NULL DEFAULT '';
ALTER TABLE tenant ADD COLUMN create_alias_send_as BOOLEAN NOT NULL DEFAULT FALSE;

-- Whether a rule that signs aliases also signs sendAs addresses outside the tenant's domains.
ALTER TABLE assignment_rule ADD COLUMN include_external_send_as BOOLEAN NOT NULL DEFAULT FALSE;
