import { describeLiveDemo } from './live-suite';

// Started mid-December 2026: November is the live month; December's occasion is the annual report.
describeLiveDemo('2026-12-15T09:00:00Z', { today: '2026-12-15', lastMonth: '2026-11', thisMonth: '2026-12' });
