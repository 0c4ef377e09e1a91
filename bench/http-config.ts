import { defaultSessionPolicy } from '../server/auth/service';
import { defaultMailConfig } from '../server/followup/reminders';
import type { HttpConfig } from '../server/http/env';

/** The HTTP settings every benchmarked app runs with: production's, without logging or a web UI. */
export const BENCH_HTTP_CONFIG: HttpConfig = {
  secure: false,
  trustProxy: false,
  sessionPolicy: defaultSessionPolicy,
  maxBodyBytes: 1 << 20,
  maxUploadBytes: 1 << 24,
  version: 'bench',
  webRoot: null,
  log: () => {},
  mail: defaultMailConfig,
};
