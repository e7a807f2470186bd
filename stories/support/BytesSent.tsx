import { useEffect, useState } from 'react';
import type { MockMedia } from '../../src/mocks';

/** Shows how many bytes the mock media server has sent so far, against the file's size. */
export function BytesSent({ media, fileSize }: { media: MockMedia; fileSize: number }) {
  const [sent, setSent] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSent(media.requests.reduce((total, request) => total + request.bytes, 0)), 200);
    return () => clearInterval(timer);
  }, [media]);
  return (
    <p aria-label="Bytes sent" style={{ font: '12px system-ui, sans-serif' }}>
      {`Sent ${(sent / 1024).toFixed(0)} KiB of a ${(fileSize / 1024).toFixed(0)} KiB file (${((sent / fileSize) * 100).toFixed(1)}%) in ${media.requests.length} requests`}
    </p>
  );
}
