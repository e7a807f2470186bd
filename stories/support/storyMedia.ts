import { createMediaHandlers, fixtureFiles, type FixtureName, type MediaFault, type MockMediaFile } from '../../src/mocks';

/**
 * Mock media for one story, under a URL prefix no other story uses: the browser's media cache
 * cannot answer this story's requests with another's. `files` maps the names this story serves
 * to fixture clips, so five tracks can have five distinct files.
 */
export function storyMedia(
  story: string,
  files: Record<string, FixtureName | MockMediaFile>,
  faults?: Record<string, MediaFault>,
  maxRangeBytes?: number,
) {
  return createMediaHandlers({
    maxRangeBytes,
    baseUrl: `/media/${story}`,
    files: Object.fromEntries(
      Object.entries(files).map(([name, file]) => [name, typeof file === 'string' ? fixtureFiles[file] : file]),
    ),
    faults,
  });
}
