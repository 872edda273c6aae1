/**
 * Reading settings: descriptors, nullable user preferences, environment defaults, effective
 * settings, storage and the mapping to root attributes and custom properties. No Lit, no DOM.
 */
export * from './types.ts';
export * from './descriptors.ts';
export * from './preferences.ts';
export * from './defaults.ts';
export * from './effective.ts';
export * from './storage.ts';
export * from './style.ts';
export * from './early.ts';
