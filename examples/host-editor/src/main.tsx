import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Editor } from './Editor';

// Where the media server is: `?media=http://127.0.0.1:8787`, else the kit's default port.
const query = new URLSearchParams(location.search);
const mediaServer = (query.get('media') ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
// How many pictures a row of the composite's grid holds: `?columns=5` fits 20 clips (3 by default).
const columns = Math.max(1, Math.round(Number(query.get('columns') ?? 3)) || 3);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Editor mediaServer={mediaServer} columns={columns} />
  </StrictMode>,
);
