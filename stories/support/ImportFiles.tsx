import { useEffect, useState } from 'react';
import { MediaSourceError, useAddMedia, type AddMediaOptions, type NewTrack } from '../../src';

/** A host's import: each file through `useAddMedia`, and what it refused said where a person sees it. */
export function ImportFiles({ files, options }: { files: NewTrack[]; options?: AddMediaOptions }) {
  const addMedia = useAddMedia(options);
  const [refused, setRefused] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    for (const file of files) {
      addMedia(file).catch((error: unknown) => {
        const why = error instanceof MediaSourceError ? `${error.code}: ${error.message}` : String(error);
        if (live) setRefused((before) => [...before, `${file.name}: ${why}`]);
      });
    }
    return () => {
      live = false;
    };
  }, [addMedia, files]);
  return (
    <ul aria-label="Refused files">
      {refused.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
