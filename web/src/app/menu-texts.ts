import i18n from './i18n';

// The menu groups' names, added to the shared bundles here so the shared language files others
// edit in parallel stay untouched.
const sv = {
  menu: {
    month: 'Min månad',
    steering: 'Styrning',
    economy: 'Ekonomi',
    followup: 'Uppföljning',
    bodies: 'Nämnder och beslut',
    risk: 'Risk och kontroll',
    admin: 'Administration',
  },
};

const en: typeof sv = {
  menu: {
    month: 'My month',
    steering: 'Steering',
    economy: 'Finance',
    followup: 'Follow-up',
    bodies: 'Boards and decisions',
    risk: 'Risk and control',
    admin: 'Administration',
  },
};

i18n.addResourceBundle('sv', 'translation', sv, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
