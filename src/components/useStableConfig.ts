import { useState } from 'react';

/** Whether two config values are the same setting: plain objects and arrays by their fields, the rest (functions included) by identity. */
function sameSetting(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameSetting(item, b[index]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => sameSetting(a[key], b[key]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The previous value for as long as a new one says the same thing, so a host may pass a fresh
 * config object on every render without restarting the loader, the clock or any element's sync.
 * Functions (callbacks, resolvers' methods) are compared by identity.
 */
export function useStableConfig<T>(value: T): T {
  const [held, setHeld] = useState(value);
  // Adjusted while rendering, as React advises for state that follows a changed input.
  if (!sameSetting(held, value)) {
    setHeld(value);
    return value;
  }
  return held;
}
