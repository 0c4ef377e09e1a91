import { describeLiveDemo } from './live-suite';

// Started in the spring of 2027, long after the scripted demo ends: February is the live month.
describeLiveDemo('2027-03-10T09:00:00Z', { today: '2027-03-10', lastMonth: '2027-02', thisMonth: '2027-03' });
