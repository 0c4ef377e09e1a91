-- Delegation per body (delegationsordning) and membership of bodies (decision 017).

-- A body's delegation order: which delegate may decide which kind of matter on the body's
-- behalf, up to which amount, from which day. A change ends a row and adds one; rows are never
-- rewritten, so a decision is judged by the order in force when it was taken.
CREATE TABLE body_delegations (
  id                  text PRIMARY KEY,
  version             integer NOT NULL DEFAULT 1,
  body_id             text NOT NULL REFERENCES bodies (id),
  matter              text NOT NULL,
  delegate_kind       text NOT NULL CHECK (delegate_kind IN ('official', 'body')),
  -- An official is named by title and the level of the unit they lead (förvaltningschef: forvaltning).
  delegate_title      text NOT NULL,
  delegate_unit_level text,
  -- A committee (utskott) of the body.
  delegate_body_id    text REFERENCES bodies (id),
  max_amount_kr       bigint CHECK (max_amount_kr IS NULL OR max_amount_kr >= 0),
  valid_from          date NOT NULL,
  valid_to            date,
  decision_id         text REFERENCES decisions (id),
  created_at          timestamptz NOT NULL,
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  CHECK ((delegate_kind = 'official' AND delegate_unit_level IS NOT NULL AND delegate_body_id IS NULL)
      OR (delegate_kind = 'body' AND delegate_body_id IS NOT NULL AND delegate_unit_level IS NULL))
);
CREATE INDEX body_delegations_body ON body_delegations (body_id, valid_from);

-- Who sits in a body, as what, from when to when (valid_to exclusive: the first day without).
CREATE TABLE body_members (
  id         text PRIMARY KEY,
  version    integer NOT NULL DEFAULT 1,
  body_id    text NOT NULL REFERENCES bodies (id),
  user_id    text NOT NULL REFERENCES users (id),
  role       text NOT NULL CHECK (role IN ('ordforande', 'vice_ordforande', 'ledamot', 'ersattare')),
  valid_from date NOT NULL,
  valid_to   date,
  created_at timestamptz NOT NULL,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX body_members_user ON body_members (user_id);
CREATE INDEX body_members_body ON body_members (body_id);

-- Who may decide what under delegation changes which flags the figures' pages show (decision 011).
SELECT track_data_version('body_delegations', 'steering', 'economy');
-- A seat decides what its holder reads, like a role (decision 011: cached answers name access).
SELECT track_data_version('body_members', 'access');
