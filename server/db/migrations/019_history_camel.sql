-- A manager's analysis of a goal for a unit and a month is recorded on the analysis itself
-- (entity goal_analysis, id goalId:unitId:period), no longer on the goal: entries written before
-- move there. The goal's and the unit's history still show them (server/history/service.ts).
-- Payload keys written in snake_case before decision 015 are mapped to camelCase by the reader.
UPDATE history
SET entity = 'goal_analysis',
    entity_id = entity_id || ':' || unit_id || ':' || coalesce(after ->> 'period', before ->> 'period')
WHERE kind = 'analysis.set'
  AND entity = 'goal'
  AND unit_id IS NOT NULL
  AND coalesce(after ->> 'period', before ->> 'period') IS NOT NULL;
