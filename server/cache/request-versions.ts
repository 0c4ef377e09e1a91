import type { Services } from '../core/context';
import { type DataVersions, readDataVersions } from './data-versions';

// Keyed by the request object, so the entry goes with the request and no other module's types
// need to carry it.
const perRequest = new WeakMap<Request, Promise<DataVersions>>();

/**
 * The data versions as read once for this request: the session lookup and the figure cache share
 * one read, taken before either uses it, so nothing they serve is older than those versions.
 */
export function versionsOfRequest(services: Services, request: Request): Promise<DataVersions> {
  let read = perRequest.get(request);
  if (!read) {
    read = readDataVersions(services);
    perRequest.set(request, read);
  }
  return read;
}
