import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Editor } from './Editor';

// Where the media server is: `?media=http://127.0.0.1:8787`, else the kit's default port.
const mediaServer = (new URLSearchParams(location.search).get('media') ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Editor mediaServer={mediaServer} />
  </StrictMode>,
);
