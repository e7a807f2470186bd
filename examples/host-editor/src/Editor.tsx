import { QueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import {
  CompositeView,
  CompositorProvider,
  MemoryReadout,
  Timeline,
  TrackList,
  Transport,
  registerMediaFile,
  requestServerProxy,
  selectTracksInPaintOrder,
  trackAdded,
  trackProxyChanged,
  type CompositorConfig,
  type MediaReference,
} from 'multitrack-kit';
import { useMediaLibrary } from './mediaLibrary';
import { store } from './store';

const composition = { width: 1280, height: 720 };
const columns = 3;
const queryClient = new QueryClient();

const config: CompositorConfig = {
  onTrackError: (trackId, error) => console.warn(`track ${trackId}: ${error.message}`),
};

let added = 0;

/** Adds a clip as a new track in the next cell of a 3-column grid, on top of the others. */
function addClip(name: string, source: MediaReference): void {
  added += 1;
  const index = selectTracksInPaintOrder(store.getState()).length;
  const width = composition.width / columns;
  const height = composition.height / columns;
  store.dispatch(
    trackAdded({
      id: `clip-${added}`,
      name,
      source,
      layout: { x: (index % columns) * width, y: Math.floor(index / columns) * height, width, height },
    }),
  );
}

/** Gives every track of `url` the proxy the media server makes of it; says how far it is meanwhile. */
async function makeProxy(url: string, report: (words: string) => void): Promise<void> {
  try {
    const proxy = await requestServerProxy(url, { onProgress: (share) => report(`Making proxy: ${Math.round(share * 100)}%`) });
    for (const track of selectTracksInPaintOrder(store.getState())) {
      if (track.source.url === url) store.dispatch(trackProxyChanged({ id: track.id, proxy }));
    }
    report('Proxy ready');
  } catch (error) {
    report(`No proxy: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function Editor({ mediaServer }: { mediaServer: string }) {
  const library = useMediaLibrary(mediaServer);
  const [proxyStates, setProxyStates] = useState<Record<string, string>>({});
  const [title] = useState(() => store.getState().project.title);

  const importFiles = (event: ChangeEvent<HTMLInputElement>) => {
    // The picked file plays from itself: registered, never read into memory.
    for (const file of event.currentTarget.files ?? []) addClip(file.name, registerMediaFile(file));
    event.currentTarget.value = '';
  };

  return (
    <CompositorProvider store={store} queryClient={queryClient} config={config}>
      <main style={{ display: 'grid', gridTemplateColumns: '240px 1fr', gap: 16, font: '13px system-ui, sans-serif', padding: 12 }}>
        <aside>
          <h1 style={{ fontSize: 16 }}>{title}</h1>
          <label style={{ display: 'block', marginBottom: 12 }}>
            Import files <input type="file" accept="video/*" multiple onChange={importFiles} />
          </label>
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
          <MemoryReadout />
        </aside>
        <section style={{ display: 'grid', gap: 8, maxWidth: 960 }}>
          <CompositeView width={composition.width} height={composition.height} />
          <Transport />
          <Timeline />
          <TrackList />
        </section>
      </main>
    </CompositorProvider>
  );
}
