import { vi } from 'vitest';

/** Watches URL.createObjectURL and revokeObjectURL (still calling the real ones) to count live URLs. */
export function watchObjectUrls() {
  const live = new Set<string>();
  let created = 0;
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
    const url = create(object);
    live.add(url);
    created += 1;
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => {
    live.delete(url);
    revoke(url);
  });
  return {
    live,
    get created() {
      return created;
    },
  };
}
