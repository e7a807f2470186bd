import { QueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import {
  CompositeView,
  CompositorProvider,
  MemoryReadout,
  Mixer,
  Timeline,
  Transport,
  createCanvasRenderer,
  createElementRenderer,
  registerMediaFile,
  requestServerProxy,
  selectTracksInPaintOrder,
  trackAdded,
  tracksAdded,
  trackProxyChanged,
  unregisterMediaFile,
  useReadMedia,
  useCanvasRendererCheck,
  type CanvasRendererCheck,
  type CompositorConfig,
  type MediaReference,
} from 'multitrack-kit';
import { Inspector } from './Inspector';
import { useMediaLibrary } from './mediaLibrary';
import { store } from './store';

const composition = { width: 1280, height: 720 };
const queryClient = new QueryClient();

const onTrackError: CompositorConfig['onTrackError'] = (trackId, error) => console.warn(`track ${trackId}: ${error.message}`);

// The two renderers, made once: a `<video>` a clip (the kit's default), or one canvas drawn from
// WebCodecs frames (frame-exact; where the browser lacks WebCodecs it is the element renderer).
// Its media server runs the derived-media pipeline (it makes proxies): waveforms and filmstrips
// come from there; a picked file's are made in the kit's workers.
const sources = { derivedFromServer: true };
const configs = {
  elements: { onTrackError, renderer: createElementRenderer(), sources },
  canvas: { onTrackError, renderer: createCanvasRenderer(), sources },
} satisfies Record<string, CompositorConfig>;
type RendererChoice = keyof typeof configs;

let added = 0;
// Tracks stack in the order they were asked for, each picture in the next free cell: the files'
// headers are read at once (within the kit's load budget), and each is added once it and every
// file asked for before it are read.
let adding: Promise<unknown> = Promise.resolve();

/**
 * Adds media as an editor does (`useReadMedia` reads the file's header): a video with sound as a
 * picture and its linked sound, a sound file as an audio track. A picture goes in the next cell
 * of a grid of `columns` (16:9 cells), on top of the others; a sound has no place on screen. A file that is not
 * media is refused by the kit (no track): `refused` says so.
 */
function useAddClip(columns: number, refused: (words: string) => void): (name: string, source: MediaReference) => void {
  const readMedia = useReadMedia();
  return (name, source) => {
    added += 1;
    const read = readMedia({ id: `clip-${added}`, name, source });
    // Its refusal is said below, in turn; until then it is not an unhandled rejection.
    read.catch(() => undefined);
    adding = adding
      .then(async () => {
        const tracks = await read;
        const pictures = selectTracksInPaintOrder(store.getState()).filter((track) => track.kind === 'video').length;
        const width = composition.width / columns;
        const height = composition.height / columns;
        const layout = { x: (pictures % columns) * width, y: Math.floor(pictures / columns) * height, width, height };
        store.dispatch(tracksAdded(tracks.map((track) => (track.kind === 'audio' ? track : { ...track, layout }))));
      })
      .catch((error: unknown) => {
        // A picked file no track plays is let go (a URL's source holds nothing).
        unregisterMediaFile(source);
        refused(`${name} was not added: ${error instanceof Error ? error.message : String(error)}`);
      });
  };
}

/** Gives every track of `url` the proxy the media server makes of it; says how far it is meanwhile. */
async function makeProxy(url: string, report: (words: string) => void): Promise<void> {
  try {
    const proxy = await requestServerProxy(url, { onProgress: (share) => report(`Making proxy: ${Math.round(share * 100)}%`) });
    // Only pictures take the proxy: a linked sound plays the original (proxies carry no sound).
    for (const track of selectTracksInPaintOrder(store.getState())) {
      if (track.source?.url === url && track.kind === 'video') store.dispatch(trackProxyChanged({ id: track.id, proxy }));
    }
    report('Proxy ready');
  } catch (error) {
    report(`No proxy: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A lower third's bar: a translucent colour across the foot of the composite, on top. */
function addColourBar(): void {
  added += 1;
  store.dispatch(
    trackAdded({ id: `colour-${added}`, name: `Colour bar ${added}`, kind: 'color', color: 'rgba(10, 20, 40, 0.7)', layout: { x: 0, y: composition.height - 160, width: composition.width, height: 120 }, clip: { startMs: 0, outMs: 10_000 } }),
  );
}

/** A title over the foot of the composite, on top; its words and style are edited in the inspector. */
function addTitle(): void {
  added += 1;
  store.dispatch(
    trackAdded({
      id: `title-${added}`,
      name: `Title ${added}`,
      kind: 'text',
      text: { content: 'A title', fontSize: 56, fontWeight: 700, outline: { color: '#000', width: 2 } },
      layout: { x: 40, y: composition.height - 160, width: composition.width - 80, height: 120 },
      clip: { startMs: 0, outMs: 10_000 },
    }),
  );
}

/** Where media comes from: files picked from disk, and the media server's library. */
function MediaBin({ mediaServer, columns }: { mediaServer: string; columns: number }) {
  const library = useMediaLibrary(mediaServer);
  const [refusal, setRefusal] = useState<string>();
  const addClip = useAddClip(columns, setRefusal);
  const [proxyStates, setProxyStates] = useState<Record<string, string>>({});

  const importFiles = (event: ChangeEvent<HTMLInputElement>) => {
    // The picked file plays from itself: registered, never read into memory.
    for (const file of event.currentTarget.files ?? []) addClip(file.name, registerMediaFile(file));
    event.currentTarget.value = '';
  };

  return (
    <>
      <label style={{ display: 'block', marginBottom: 12 }}>
        Import files <input type="file" accept="video/*,audio/*" multiple onChange={importFiles} />
      </label>
      {refusal && (
        <p role="alert" aria-label="Import refused">
          {refusal}
        </p>
      )}
      <section aria-label="Titles and colours">
        <button type="button" onClick={addColourBar}>
          Add a colour bar
        </button>{' '}
        <button type="button" onClick={addTitle}>
          Add a title
        </button>
      </section>
      <section aria-label="Server media">
        <h2 style={{ fontSize: 14 }}>Server media</h2>
        {library.error && <p role="alert">{library.error}</p>}
        <ul style={{ listStyle: 'none', padding: 0 }}>
          {library.items.map((item) => (
            <li key={item.name}>
              <button type="button" onClick={() => addClip(item.name, { url: item.url })}>
                {`Add ${item.name}`}
              </button>{' '}
              <button
                type="button"
                onClick={() => makeProxy(item.url, (words) => setProxyStates((states) => ({ ...states, [item.name]: words })))}
              >
                {`Make a proxy of ${item.name}`}
              </button>
              {proxyStates[item.name] && (
                <span role="status" aria-label={`Proxy of ${item.name}`}>
                  {' '}
                  {proxyStates[item.name]}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function canvasChoice(check: CanvasRendererCheck | undefined): string {
  if (!check) return 'Canvas (checking this browser)';
  if (!check.supported) return `Canvas (not in this browser: ${check.reason})`;
  return check.drawnIn === 'worker' ? 'Canvas (WebCodecs, drawn in a worker)' : 'Canvas (WebCodecs, drawn on the page)';
}

export function Editor({ mediaServer, columns }: { mediaServer: string; columns: number }) {
  const [title] = useState(() => store.getState().project.title);
  const [renderer, setRenderer] = useState<RendererChoice>('elements');
  // Offered once this browser has been seen to decode and draw a frame with it.
  const canvasCheck = useCanvasRendererCheck();
  return (
    <CompositorProvider store={store} queryClient={queryClient} config={configs[renderer]}>
      {/* The kit's dark theme on the whole editor; 1280 px wide without a scrollbar, and usable at 1024. */}
      <main
        data-mtk-theme="dark"
        style={{
          display: 'grid',
          gridTemplateColumns: 'minmax(170px, 220px) minmax(0, 1fr) minmax(240px, 300px)',
          gridTemplateAreas: '"bin viewer side" "timeline timeline timeline"',
          gap: 12,
          font: '13px system-ui, sans-serif',
          padding: 12,
          boxSizing: 'border-box',
          alignContent: 'start',
        }}
      >
        <aside style={{ gridArea: 'bin', minWidth: 0 }}>
          <h1 style={{ fontSize: 16 }}>{title}</h1>
          <MediaBin mediaServer={mediaServer} columns={columns} />
          <MemoryReadout />
          <label style={{ display: 'block', marginTop: 8 }}>
            Renderer{' '}
            <select value={renderer} onChange={(event) => setRenderer(event.target.value as RendererChoice)} style={{ maxWidth: '100%' }}>
              <option value="elements">Video elements</option>
              <option value="canvas" disabled={!canvasCheck?.supported} title={canvasCheck?.supported ? canvasCheck.note : undefined}>
                {canvasChoice(canvasCheck)}
              </option>
            </select>
          </label>
        </aside>
        <section style={{ gridArea: 'viewer', display: 'grid', gap: 8, alignContent: 'start', minWidth: 0 }}>
          <CompositeView width={composition.width} height={composition.height} handles />
          <Transport />
        </section>
        <aside style={{ gridArea: 'side', display: 'grid', gap: 12, alignContent: 'start', minWidth: 0 }}>
          <Inspector />
          <Mixer />
        </aside>
        <section style={{ gridArea: 'timeline', minWidth: 0 }}>
          <Timeline filmstrips editable headers />
        </section>
      </main>
    </CompositorProvider>
  );
}
