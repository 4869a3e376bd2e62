-- Each tenant's group graph as Google's members.list gives it: direct memberships only, a member
-- being a user or another group. Expanding nested groups happens in one place (GroupGraph), so a
-- full sync, a notification and the group reconciliation give a user the same groups.
-- A read of all groups writes a new generation; group_graph names the current one, and the diff
-- of two generations is what a group change did.
CREATE TABLE group_graph (
    tenant_id             TEXT PRIMARY KEY,
    generation            UUID        NOT NULL,
    -- when every group was last read (NULL: only single users' groups are known so far)
    read_at               TIMESTAMPTZ,
    -- when a replica last took the tenant's reconciliation (one replica per interval)
    reconcile_claimed_at  TIMESTAMPTZ
);

CREATE TABLE group_edge (
    tenant_id     TEXT NOT NULL,
    generation    UUID NOT NULL,
    group_email   TEXT NOT NULL,
    member_email  TEXT NOT NULL,
    member_type   TEXT NOT NULL,
    PRIMARY KEY (tenant_id, generation, member_email, group_email)
);
-- walking down (the members of a group) as well as up (the groups of a member, the primary key)
CREATE INDEX group_edge_group ON group_edge (tenant_id, generation, group_email);

-- replaced by group_edge: memberships no longer live only for one run
DROP TABLE group_membership;
