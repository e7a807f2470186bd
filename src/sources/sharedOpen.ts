/** What users of one opened thing get: the thing, and their one release of it. */
export interface SharedUse<T> {
  value: T;
  /** Gives back this use; the last use given back closes the thing. Calling it again does nothing. */
  release(): void;
}

/**
 * Opens a thing once per key and shares it among its users (a file's reader, index and read
 * cache, say, among the tracks that play it); the last release closes it. An open that fails is
 * not kept, so the next use (a Retry) opens afresh.
 */
export function createSharedOpener<K, T extends { close(): void }>(open: (key: K) => Promise<T>): (key: K) => Promise<SharedUse<T>> {
  const opened = new Map<K, { value: Promise<T>; users: number }>();
  return async (key) => {
    let entry = opened.get(key);
    if (!entry) {
      const created = { value: open(key), users: 0 };
      opened.set(key, created);
      created.value.catch(() => {
        if (opened.get(key) === created) opened.delete(key);
      });
      entry = created;
    }
    entry.users += 1;
    const shared = entry;
    let value: T;
    try {
      value = await shared.value;
    } catch (error) {
      shared.users -= 1;
      throw error;
    }
    let released = false;
    return {
      value,
      release() {
        if (released) return;
        released = true;
        shared.users -= 1;
        if (shared.users > 0 || opened.get(key) !== shared) return;
        opened.delete(key);
        value.close();
      },
    };
  };
}
