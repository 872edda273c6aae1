// A kiosk reset forgets what the edition kept about the visitor, by name: the edition's keys go,
// a host's own keys on the same origin stay, and a blocked storage does not stop the rest.
import { describe, expect, it } from 'vitest';
import { VISITOR_STORAGE_KEYS, forgetVisitor } from '../../../src/kiosk/visitor-data.ts';
import { NARRATION_STORAGE_KEY, POSITION_STORAGE_KEY } from '../../../src/narration/preferences.ts';
import { SETTINGS_STORAGE_KEY } from '../../../src/settings/storage.ts';

class MapStorage {
  readonly map = new Map<string, string>();
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

describe('forgetVisitor', () => {
  it('names every key the edition writes', () => {
    expect([...VISITOR_STORAGE_KEYS].sort()).toEqual([NARRATION_STORAGE_KEY, POSITION_STORAGE_KEY, SETTINGS_STORAGE_KEY].sort());
  });

  it('removes the edition’s keys from every storage and leaves the host’s keys', () => {
    const local = new MapStorage();
    const session = new MapStorage();
    for (const key of VISITOR_STORAGE_KEYS) {
      local.map.set(key, '{}');
      session.map.set(key, '{}');
    }
    local.map.set('museum-visitor-count', '12');
    session.map.set('host-tab', 'x');
    forgetVisitor([() => local, () => session]);
    expect([...local.map.keys()]).toEqual(['museum-visitor-count']);
    expect([...session.map.keys()]).toEqual(['host-tab']);
  });

  it('skips a missing or blocked storage and still clears the next', () => {
    const session = new MapStorage();
    session.map.set(SETTINGS_STORAGE_KEY, '{}');
    const blocked = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    forgetVisitor([blocked, () => undefined, () => session]);
    expect(session.map.size).toBe(0);
  });
});
