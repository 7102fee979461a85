import type { GeoPosition } from '../types';

/** Health Bot's location request, under the names bots use for it. */
export const LOCATION_EVENTS: ReadonlySet<string> = new Set([
  'shareLocation',
  'ShareLocationEvent',
  'shareLocationEvent',
]);

/**
 * The patient's position, only if the host allows it: `true` asks the browser (which prompts
 * the patient), a function lets the host decide; anything else, or a refusal, gives null.
 */
export async function askLocation(
  allow: boolean | (() => Promise<GeoPosition | null>) | undefined,
): Promise<GeoPosition | null> {
  if (!allow) return null;
  try {
    if (typeof allow === 'function') return await allow();
    return await new Promise<GeoPosition | null>((resolve) =>
      navigator.geolocation.getCurrentPosition(
        (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
        () => resolve(null),
        { timeout: 15_000, maximumAge: 60_000 },
      ),
    );
  } catch {
    return null;
  }
}
