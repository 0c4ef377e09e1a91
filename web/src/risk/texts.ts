import i18n from '../app/i18n';

// The risk pages' texts, added to the shared bundles here so these pages can grow without
// touching the shared language files others edit in parallel (as web/src/month/texts.ts does).
export const sv = {
  risk: {
    level: { low: 'Låg', medium: 'Medel', high: 'Hög', very_high: 'Mycket hög' },
    status: { active: 'Aktiv', closed: 'Avslutad' },
    linkKind: { goal: 'Mål', measure: 'Åtgärd', indicator: 'Indikator' },
  },
};

export const en: typeof sv = {
  risk: {
    level: { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' },
    status: { active: 'Active', closed: 'Closed' },
    linkKind: { goal: 'Goal', measure: 'Measure', indicator: 'Indicator' },
  },
};

i18n.addResourceBundle('sv', 'translation', sv, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
