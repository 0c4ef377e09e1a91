-- Who may decide what (kompetens): for each kind of matter, the least senior kind of decision
-- maker that may decide it ('official' < 'namnd' < 'styrelse' < 'fullmaktige'), from a day on.
-- A change is a new row valid from its day, so a decision is always judged by the rule in force
-- when it was taken. The defaults follow kommunallagen and equal DEFAULT_RULES in
-- domain/competence/rules.ts (a test proves it).
CREATE TABLE competence_rules (
  matter     text NOT NULL,
  valid_from date NOT NULL,
  lowest     text NOT NULL CHECK (lowest IN ('official', 'namnd', 'styrelse', 'fullmaktige')),
  basis      text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (matter, valid_from)
);

-- One row: the version of the rule set, for optimistic concurrency on a change.
CREATE TABLE competence_settings (
  id      integer PRIMARY KEY CHECK (id = 1),
  version integer NOT NULL DEFAULT 1
);
INSERT INTO competence_settings (id, version) VALUES (1, 1);

INSERT INTO competence_rules (matter, valid_from, lowest, basis, created_at) VALUES
  ('plan.regionplan', '1900-01-01', 'fullmaktige', 'Budget, mål för god ekonomisk hushållning och åtgärder mot ett negativt resultat är fullmäktiges (KL 11 kap. 5, 12 §§).', now()),
  ('plan.verksamhetsplan', '1900-01-01', 'official', 'Nämnden beslutar om sin egen verksamhet (KL 6 kap. 2–3 §§). En enhets plan får beslutas på delegation.', now()),
  ('plan.strategi', '1900-01-01', 'fullmaktige', 'Mål och riktlinjer för verksamheten är fullmäktiges (KL 5 kap. 1 §).', now()),
  ('plan.handlingsplan', '1900-01-01', 'namnd', 'Nämnden beslutar om sin egen verksamhet (KL 6 kap. 2–3 §§). Budget, mål för god ekonomisk hushållning och åtgärder mot ett negativt resultat är fullmäktiges (KL 11 kap. 5, 12 §§).', now()),
  ('plan.internkontrollplan', '1900-01-01', 'namnd', 'Nämnden ansvarar för sin interna kontroll (KL 6 kap. 6 §).', now()),
  ('plan.utvecklingsplan', '1900-01-01', 'official', 'Beslutas enligt delegationsordningen, av den som har mandat för beloppet (KL 6 kap. 37 §, 7 kap. 5 §).', now()),
  ('budget', '1900-01-01', 'fullmaktige', 'Budget, mål för god ekonomisk hushållning och åtgärder mot ett negativt resultat är fullmäktiges (KL 11 kap. 5, 12 §§).', now()),
  ('measure.effektivisering', '1900-01-01', 'official', 'Beslutas enligt delegationsordningen, av den som har mandat för beloppet (KL 6 kap. 37 §, 7 kap. 5 §).', now()),
  ('measure.ransonering', '1900-01-01', 'namnd', 'Ändrade mål, omfattning eller kvalitet i en verksamhet är av principiell beskaffenhet och får inte delegeras till tjänsteperson (KL 6 kap. 38 §).', now()),
  ('measure.kostnadsskillnader', '1900-01-01', 'official', 'Beslutas enligt delegationsordningen, av den som har mandat för beloppet (KL 6 kap. 37 §, 7 kap. 5 §).', now()),
  ('measure.generell', '1900-01-01', 'official', 'Beslutas enligt delegationsordningen, av den som har mandat för beloppet (KL 6 kap. 37 §, 7 kap. 5 §).', now()),
  ('corrective_action', '1900-01-01', 'official', 'Beslutas enligt delegationsordningen, av den som har mandat för beloppet (KL 6 kap. 37 §, 7 kap. 5 §).', now());

-- Who may decide what changes which flags the figures' pages show (decision 011).
SELECT track_data_version('competence_rules', 'steering', 'economy');
