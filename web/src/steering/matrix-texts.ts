import i18n from '../app/i18n';

// The scorecard matrix's texts, added to the shared bundles here so the shared language files
// others edit in parallel stay untouched.
const sv = {
  matrix: {
    heading: 'Mål och indikatorer',
    caption: 'Styrkort för {{unit}}, {{month}}: mål och deras indikatorer med status, utfall, mål, trend och prognos',
    counts: 'Indikatorernas status {{month}}:',
    indicator: 'Mål och indikator',
    status: 'Status',
    outcome: 'Utfall',
    target: 'Mål',
    trend: 'Trend (mål streckat)',
    forecast: 'Prognos',
    showChart: 'Visa trenddiagram för {{name}}',
    chartHeading: '{{name}}: de senaste {{count}} perioderna',
    limitsHigher: 'Grön vid {{green}} eller mer, gul från {{yellow}}, röd därunder.',
    limitsLower: 'Grön vid {{green}} eller mindre, gul upp till {{yellow}}, röd däröver.',
    analysis: 'Analys',
    showAnalysis: 'Analys: {{goal}}',
    byUnits: 'Per enhet',
    byUnitsOf: 'Per enhet: {{goal}}',
    unitsHeading: 'Per enhet under {{unit}}',
    unitsHeadingGoal: '{{goal}} per enhet under {{unit}}',
    unitsCaption: 'Enheterna under {{unit}} och indikatorernas status {{month}}',
    unit: 'Enhet',
    allIndicators: 'Alla indikatorer',
    closeUnits: 'Stäng vyn per enhet',
    noChildren: 'Enheten har inga enheter under sig.',
  },
};

const en: typeof sv = {
  matrix: {
    heading: 'Goals and indicators',
    caption:
      'Scorecard for {{unit}}, {{month}}: goals and their indicators with status, outcome, target, trend and forecast',
    counts: 'Status of the indicators {{month}}:',
    indicator: 'Goal and indicator',
    status: 'Status',
    outcome: 'Outcome',
    target: 'Target',
    trend: 'Trend (target dashed)',
    forecast: 'Forecast',
    showChart: 'Show the trend chart of {{name}}',
    chartHeading: '{{name}}: the last {{count}} periods',
    limitsHigher: 'Green at {{green}} or more, yellow from {{yellow}}, red below.',
    limitsLower: 'Green at {{green}} or less, yellow up to {{yellow}}, red above.',
    analysis: 'Analysis',
    showAnalysis: 'Analysis: {{goal}}',
    byUnits: 'By unit',
    byUnitsOf: 'By unit: {{goal}}',
    unitsHeading: 'By unit under {{unit}}',
    unitsHeadingGoal: '{{goal}} by unit under {{unit}}',
    unitsCaption: 'The units under {{unit}} and the status of the indicators in {{month}}',
    unit: 'Unit',
    allIndicators: 'All indicators',
    closeUnits: 'Close the view by unit',
    noChildren: 'The unit has no units below it.',
  },
};

i18n.addResourceBundle('sv', 'translation', sv, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
