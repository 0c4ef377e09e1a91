-- Action-plan figures kept by the write path (decision 008): the figures of every measure
-- without sub-measures for every month of its plan's years, and their sums per plan and month
-- by owning unit, by category and by feasibility grade. The write that changes a measure, its
-- calculation or its reports (or a plan's years) replaces its rows in the same transaction, so
-- a summary reads a few thousand sums instead of recomputing tens of thousands of measures.
-- Amounts are numeric: whole kronor, exact beyond 2^53 and beyond bigint when summed.

-- The figures of one leaf measure (åtgärd utan delåtgärder) in one month: its planned effect
-- for the month's year and the report in force, the newest of that year at or before the month.
CREATE TABLE plan_measure_months (
  plan_id          text NOT NULL,
  measure_id       text NOT NULL,
  month            text NOT NULL,
  unit_id          text NOT NULL,
  category         text NOT NULL,
  feasibility      integer NOT NULL,
  planned_kr       numeric NOT NULL,
  planned_gross_kr numeric NOT NULL,
  forecast_kr      bigint,
  outcome_kr       bigint,
  report_period    text,
  stale            boolean NOT NULL,
  PRIMARY KEY (measure_id, month)
);
CREATE INDEX plan_measure_months_plan ON plan_measure_months (plan_id, month);

-- Sums of plan_measure_months per plan and month along one dimension: 'unit' (the owning unit
-- itself; the reader rolls units up today's tree, which moves with dated reorganisations
-- without any write), 'category' or 'feasibility' (over every leaf of the plan).
CREATE TABLE plan_month_sums (
  plan_id             text NOT NULL,
  month               text NOT NULL,
  dimension           text NOT NULL CHECK (dimension IN ('unit', 'category', 'feasibility')),
  key                 text NOT NULL,
  planned_kr          numeric NOT NULL,
  planned_gross_kr    numeric NOT NULL,
  planned_grade12_kr  numeric NOT NULL,
  forecast_kr         numeric NOT NULL,
  forecast_grade12_kr numeric NOT NULL,
  outcome_kr          numeric NOT NULL,
  measures            integer NOT NULL,
  stale_count         integer NOT NULL,
  PRIMARY KEY (plan_id, month, dimension, key)
);
-- A write first takes its measures' old figures out of the sums, then adds the new ones; the
-- sums left empty are found by this small index and deleted.
CREATE INDEX plan_month_sums_empty ON plan_month_sums (plan_id) WHERE measures = 0;

-- The months of a run of years. PL/pgSQL with a row estimate, so the planner does not take two
-- generate_series over columns for a million months per measure (which also set off JIT
-- compilation on PostgreSQL, seconds for a query that takes milliseconds).
CREATE FUNCTION plan_year_months(p_start integer, p_end integer) RETURNS SETOF text
LANGUAGE plpgsql IMMUTABLE ROWS 24 AS $$
BEGIN
  RETURN QUERY
    SELECT to_char(make_date(y, mm, 1), 'YYYY-MM') FROM generate_series(p_start, p_end) AS y, generate_series(1, 12) AS mm
    ORDER BY 1;
END
$$;

-- The rule, once, in SQL: the figures of leaf measures, for every month of their plan's years
-- (p_month null) or for one month (any month: a month outside the plan's years reports on the
-- nearest plan year, as domain yearOf does). p_plan / p_measures null mean every plan / measure.
-- A line's effect is amount × realised share rounded half up (domain lineEffect); stale means
-- not stopped and not reported in the month itself.
CREATE FUNCTION plan_leaf_months(p_plan text, p_measures text[], p_month text)
RETURNS TABLE (
  plan_id text, measure_id text, month text, unit_id text, category text, feasibility integer,
  planned_kr numeric, planned_gross_kr numeric, forecast_kr bigint, outcome_kr bigint,
  report_period text, stale boolean
)
LANGUAGE sql STABLE AS $$
  SELECT m.plan_id, m.id, mo.month, m.owner_unit_id, m.category, m.feasibility,
         coalesce(t.gross, 0) - coalesce(t.cost, 0), coalesce(t.gross, 0),
         r.forecast_kr, r.outcome_kr, r.period,
         m.status <> 'stopped' AND r.period IS DISTINCT FROM mo.month
  FROM measures m
  JOIN LATERAL (
    SELECT v.start_year, v.end_year FROM plan_versions v
    WHERE v.plan_id = m.plan_id ORDER BY v.seq DESC LIMIT 1
  ) b ON true
  CROSS JOIN LATERAL (
    SELECT x.month, greatest(b.start_year, least(b.end_year, left(x.month, 4)::integer)) AS year
    FROM (
      SELECT p_month AS month WHERE p_month IS NOT NULL
      UNION ALL
      SELECT ym FROM plan_year_months(b.start_year, b.end_year) AS ym WHERE p_month IS NULL
    ) x
  ) mo
  CROSS JOIN LATERAL (
    SELECT sum(div(l.amount_kr::numeric * l.realisation_pct + 50, 100)) FILTER (WHERE l.kind = 'saving') AS gross,
           sum(div(l.amount_kr::numeric * l.realisation_pct + 50, 100)) FILTER (WHERE l.kind = 'cost') AS cost
    FROM measure_calc_lines l
    WHERE l.measure_id = m.id AND l.year = mo.year
  ) t
  LEFT JOIN LATERAL (
    SELECT r.period, r.forecast_kr, r.outcome_kr FROM measure_reports r
    WHERE r.measure_id = m.id AND r.period >= lpad(mo.year::text, 4, '0') || '-01' AND r.period <= mo.month
    ORDER BY r.period DESC LIMIT 1
  ) r ON true
  WHERE (p_plan IS NULL OR m.plan_id = p_plan)
    AND (p_measures IS NULL OR m.id = ANY (p_measures))
    AND NOT EXISTS (SELECT 1 FROM measures c WHERE c.parent_measure_id = m.id)
$$;

INSERT INTO plan_measure_months SELECT * FROM plan_leaf_months(NULL, NULL, NULL);

INSERT INTO plan_month_sums
SELECT plan_id, month,
       CASE WHEN GROUPING(unit_id) = 0 THEN 'unit' WHEN GROUPING(category) = 0 THEN 'category' ELSE 'feasibility' END,
       coalesce(unit_id, category, feasibility::text),
       sum(planned_kr), sum(planned_gross_kr),
       coalesce(sum(planned_kr) FILTER (WHERE feasibility <= 2), 0),
       coalesce(sum(forecast_kr), 0),
       coalesce(sum(forecast_kr) FILTER (WHERE feasibility <= 2), 0),
       coalesce(sum(outcome_kr), 0),
       count(*), count(*) FILTER (WHERE stale)
FROM plan_measure_months
GROUP BY GROUPING SETS ((plan_id, month, unit_id), (plan_id, month, category), (plan_id, month, feasibility));
