-- The tenants as signet.tenants last said, and whether pushing to one is paused here.
create table push_tenant (
  tenant_id     text primary key,
  status        text not null,
  -- the Google Cloud project's quota is shared by every tenant of one service account: its
  -- OAuth client id stands for the project
  project       text not null,
  paused_reason text,
  updated_at    timestamptz not null default now()
);

-- One row per (tenant, sendAs address): the desired signature and what Gmail holds.
create table push_target (
  tenant_id       text not null,
  send_as_email   text not null,
  user_id         text not null,
  -- the user's primary address: the delegated token acts as this user
  subject         text not null,
  desired_html    text not null,
  desired_hash    text not null,
  desired_at      timestamptz not null,
  cause           text not null,
  -- 0: a single user's change, 1: a bulk re-render; lower goes first
  priority        smallint not null,
  applied_hash    text,
  -- hash of the signature as Gmail stored it (Gmail sanitises): drift is a change of this
  gmail_hash      text,
  applied_at      timestamptz,
  checked_at      timestamptz,
  state           text not null,
  state_at        timestamptz not null default now(),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_reason     text,
  last_error      text,
  lease_owner     text,
  lease_until     timestamptz,
  primary key (tenant_id, send_as_email),
  constraint push_target_state check (state in ('PENDING', 'APPLIED', 'RETRYING', 'FAILED', 'PAUSED'))
);
create index push_target_due on push_target (tenant_id, priority, next_attempt_at)
  where state in ('PENDING', 'RETRYING');
create index push_target_user on push_target (tenant_id, user_id);
create index push_target_failed on push_target (tenant_id, state_at desc) where state = 'FAILED';
create index push_target_check on push_target (checked_at) where state = 'APPLIED';

-- Every outcome, per user; also the outbox of signet.push-results (published once relayed).
create table push_history (
  id            bigserial primary key,
  tenant_id     text not null,
  user_id       text not null,
  send_as_email text not null,
  outcome       text not null,
  reason        text,
  detail        text,
  attempts      integer not null,
  latency_ms    bigint not null,
  content_hash  text not null,
  at            timestamptz not null default now(),
  published     boolean not null default false
);
create index push_history_user on push_history (tenant_id, user_id, id desc);
create index push_history_unpublished on push_history (id) where not published;

-- Live replicas of this service: each takes an equal share of every project's quota.
create table push_replica (
  instance_id text primary key,
  seen_at     timestamptz not null
);
