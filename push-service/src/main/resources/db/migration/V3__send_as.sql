-- Each user's sendAs addresses as Gmail last listed them (users.settings.sendAs.list): Gmail's
-- list, not the Directory's aliases, says which addresses can take a signature. Also the outbox of
-- signet.send-as: a list that differs from the one last published waits here to be relayed.
create table push_user (
  tenant_id                text not null,
  user_id                  text not null,
  -- the user's primary address: the delegated token acts as this user
  subject                  text not null,
  -- JSON array of SendAsSnapshot.Address; null until the first list
  send_as                  text,
  listed_at                timestamptz,
  -- hash of send_as; published is false while a list that differs from the last relayed one waits
  send_as_hash             text,
  published                boolean not null default true,
  -- Directory aliases that the user's rule would sign but that have no sendAs (from render-service)
  aliases_without_send_as  text[] not null default '{}',
  primary key (tenant_id, user_id)
);
create index push_user_unpublished on push_user (tenant_id, user_id) where not published;

-- Whether push-service creates the sendAs entries that Directory aliases lack (sendAs.create with
-- treatAsAlias; the tenant's delegation then grants gmail.settings.sharing).
alter table push_tenant add column create_alias_send_as boolean not null default false;
