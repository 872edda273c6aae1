// A new offline version takes over only after a kiosk idle reset, never while someone may be reading;
// the page's wiring (fake window, container and registration) follows that decision.
import { describe, expect, it, vi } from 'vitest';
import { IDLE_RESET_EVENT, SKIP_WAITING_MESSAGE, shouldActivateUpdate } from '../../../src/offline/update-policy.ts';
import { registerOffline, watchUpdates, type OfflineWindow } from '../../../src/offline/register.ts';

describe('shouldActivateUpdate', () => {
  const worker = { state: 'installed' };
  it('activates a waiting version right after an idle reset', () => {
    expect(shouldActivateUpdate({ waiting: worker, reason: 'idle-reset' })).toBe(true);
  });
  it('never at any other moment (someone may be reading)', () => {
    expect(shouldActivateUpdate({ waiting: worker, reason: 'not-idle' })).toBe(false);
  });
  it('has nothing to activate without a waiting version', () => {
    expect(shouldActivateUpdate({ waiting: null, reason: 'idle-reset' })).toBe(false);
    expect(shouldActivateUpdate({ waiting: undefined, reason: 'idle-reset' })).toBe(false);
    expect(shouldActivateUpdate({ waiting: null, reason: 'not-idle' })).toBe(false);
  });
});

/** A fake window and container that record listeners, so events can be fired by hand. */
function fakes(readyState: DocumentReadyState = 'complete') {
  const listeners = new Map<string, (() => void)[]>();
  const on = (type: string, fn: () => void) => listeners.set(type, [...(listeners.get(type) ?? []), fn]);
  const fire = (type: string) => (listeners.get(type) ?? []).forEach((fn) => fn());
  const timers: (() => void)[] = [];
  const reload = vi.fn();
  const registration = { waiting: null as { postMessage: ReturnType<typeof vi.fn> } | null, update: vi.fn(async () => undefined) };
  const container = {
    register: vi.fn(async () => registration),
    addEventListener: (type: string, fn: () => void) => on(`sw:${type}`, fn),
  };
  const win = {
    addEventListener: (type: string, fn: () => void) => on(type, fn),
    setTimeout: (fn: () => void) => timers.push(fn),
    document: { readyState },
    location: { reload },
    navigator: { serviceWorker: container },
  } as unknown as OfflineWindow;
  return { win, container, registration, fire, timers, reload };
}

describe('registerOffline', () => {
  it('does nothing in dev or without service workers', () => {
    const f = fakes();
    registerOffline(f.win, true);
    registerOffline({ ...f.win, navigator: {} } as OfflineWindow, false);
    f.timers.forEach((t) => t());
    expect(f.container.register).not.toHaveBeenCalled();
  });

  it('registers sw.js only after the load event, then a little later', () => {
    const f = fakes('loading');
    registerOffline(f.win, false);
    expect(f.timers).toHaveLength(0);
    f.fire('load');
    expect(f.container.register).not.toHaveBeenCalled();
    f.timers.forEach((t) => t());
    expect(f.container.register).toHaveBeenCalledWith('/sw.js?build=modern'); // the build this page runs
  });

  it('survives a register() that resolves without a registration (blocked workers): idle resets do not throw', async () => {
    const f = fakes();
    f.container.register.mockResolvedValueOnce(undefined as never);
    registerOffline(f.win, false);
    f.timers.forEach((t) => t());
    await Promise.resolve();
    await Promise.resolve();
    expect(() => f.fire(IDLE_RESET_EVENT)).not.toThrow();
    expect(f.reload).not.toHaveBeenCalled();
  });
});

describe('watchUpdates', () => {
  const setup = () => {
    const f = fakes();
    watchUpdates(f.win, f.container as unknown as ServiceWorkerContainer, f.registration as unknown as ServiceWorkerRegistration);
    return f;
  };

  it('leaves a waiting version alone until the idle reset, then activates it and reloads under it', () => {
    const f = setup();
    f.registration.waiting = { postMessage: vi.fn() };
    f.fire('sw:controllerchange'); // e.g. the first install claiming the page: no reload
    expect(f.reload).not.toHaveBeenCalled();
    expect(f.registration.waiting.postMessage).not.toHaveBeenCalled();
    f.fire(IDLE_RESET_EVENT);
    expect(f.registration.waiting.postMessage).toHaveBeenCalledWith({ type: SKIP_WAITING_MESSAGE });
    expect(f.reload).not.toHaveBeenCalled(); // not before the new version controls the page
    f.fire('sw:controllerchange');
    expect(f.reload).toHaveBeenCalledTimes(1);
  });

  it('without a waiting version, an idle reset looks for one instead', () => {
    const f = setup();
    f.fire(IDLE_RESET_EVENT);
    expect(f.registration.update).toHaveBeenCalledTimes(1);
    f.fire('sw:controllerchange');
    expect(f.reload).not.toHaveBeenCalled();
  });
});
