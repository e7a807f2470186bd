import { useEffect, useState } from 'react';

export interface LibraryItem {
  name: string;
  url: string;
}

/**
 * The clips the media server offers. The server never lists directories, so the library is a
 * `media.json` (an array of file names) kept in the media root beside the clips.
 */
export function useMediaLibrary(serverUrl: string): { items: LibraryItem[]; error?: string } {
  const [library, setLibrary] = useState<{ items: LibraryItem[]; error?: string }>({ items: [] });
  useEffect(() => {
    const controller = new AbortController();
    fetch(`${serverUrl}/media.json`, { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`the media server answered ${response.status} for media.json`);
        const names = (await response.json()) as string[];
        setLibrary({ items: names.map((name) => ({ name, url: `${serverUrl}/${encodeURIComponent(name)}` })) });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLibrary({ items: [], error: String(error instanceof Error ? error.message : error) });
      });
    return () => controller.abort();
  }, [serverUrl]);
  return library;
}
