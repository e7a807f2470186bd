import {
  createMediaHandlers,
  fixtureFiles,
  type FixtureName,
  type MediaFault,
  type MockMedia,
  type MockMediaFile,
  type DerivedItemKey,
  type MockDerivedItem,
} from '../../src/mocks';

/**
 * Set at build time (`STORYBOOK_MEDIA_SERVER=http://127.0.0.1:8787`) to play the stories against
 * the real media server, serving public/fixtures with `--cors '*'`, instead of MSW.
 */
const mediaServer: string | undefined = import.meta.env.STORYBOOK_MEDIA_SERVER || undefined;

export const usesRealMediaServer = mediaServer !== undefined;

// Stories that inject faults carry the tag 'needs-mock-media' (a literal, as CSF requires): they
// run with MSW only and are left out against the real server.

/**
 * Media for one story, under URLs no other story uses, so the browser's media cache cannot
 * answer this story's requests with another's. `files` maps the names this story serves to
 * fixture clips, so five tracks can have five distinct files. With MSW (the default) the
 * handlers serve them and can inject faults; against the real media server the URLs name the
 * fixture files there, made unique by a query string the server ignores. `derived` are the items
 * the mock's derived-media pipeline has (`peaks/<name>`, ...); the real server makes its own.
 */
export function storyMedia(
  story: string,
  files: Record<string, FixtureName | MockMediaFile>,
  faults?: Record<string, MediaFault>,
  maxRangeBytes?: number,
  derived?: Record<DerivedItemKey, MockDerivedItem>,
): MockMedia {
  const mocked = createMediaHandlers({
    maxRangeBytes,
    derived,
    baseUrl: `/media/${story}`,
    files: Object.fromEntries(
      Object.entries(files).map(([name, file]) => [name, typeof file === 'string' ? fixtureFiles[file] : file]),
    ),
    faults,
  });
  if (!mediaServer) return mocked;
  return {
    ...mocked,
    handlers: [],
    urlOf: (name) => {
      const file = files[name];
      const fixture = typeof file === 'string' ? file : name;
      return `${mediaServer.replace(/\/+$/, '')}/${fixture}?story=${encodeURIComponent(story)}&name=${encodeURIComponent(name)}`;
    },
  };
}
