import type { MemoryState } from './state';

const ZONES = new WeakMap<MemoryState, Map<string, string>>();

/** The patient's time zone per conversation (migration 16's column, in memory). */
export function memoryPatientZones(state: MemoryState): Map<string, string> {
  let zones = ZONES.get(state);
  if (!zones) {
    zones = new Map();
    ZONES.set(state, zones);
  }
  return zones;
}
