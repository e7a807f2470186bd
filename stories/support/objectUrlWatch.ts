/**
 * Counts object URLs in the Storybook preview (not in the kit), so stories and the test-runner
 * hook can check that every URL made is revoked again.
 */
export interface ObjectUrlWatch {
  live: Set<string>;
  created: number;
}

declare global {
  interface Window {
    __objectUrls: ObjectUrlWatch;
  }
}

if (!window.__objectUrls) {
  const watch: ObjectUrlWatch = { live: new Set(), created: 0 };
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = create(object);
    watch.live.add(url);
    watch.created += 1;
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    watch.live.delete(url);
    revoke(url);
  };
  window.__objectUrls = watch;
}

export const objectUrls = window.__objectUrls;
