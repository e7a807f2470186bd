/// <reference lib="webworker" />
// The filmstrip worker: makes one sheet of thumbnails the way the media server's pipeline does
// (same grid, sizes and times, keyframes only), for picked files and servers without the
// pipeline. Reads the file by Range with mediabunny and decodes only the keyframes the sheet
// shows, each once, with WebCodecs; draws them on an OffscreenCanvas and hands the page the bitmap.
import { EncodedPacketSink, VideoSampleSink } from 'mediabunny';
import { filmstripGrid } from '../http/derivedProtocol';
import { filmstripTileWidth, tileMs, tilesPerSheet } from '../derived/filmstripPlan';
import { mediaInputOf, mediaReadError, noVideoError, undecodableVideoError } from '../sources/mediaInput';
import type { SheetReply, SheetRequest } from './sheetProtocol';

declare const self: DedicatedWorkerGlobalScope;

/** Bytes of the file kept while reading: keyframes are read one by one, far apart. */
const readCacheBytes = 4 * 1024 * 1024;

async function makeSheet({ url, crossOrigin, height, stepMs, sheet }: SheetRequest): Promise<SheetReply> {
  const input = mediaInputOf({ url, crossOrigin }, { cacheBytes: readCacheBytes, retries: 2 });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw noVideoError(url);
    if (!(await track.canDecode())) throw undecodableVideoError(url, track.codec);
    const width = filmstripTileWidth(height, track.displayWidth, track.displayHeight);
    // Each thumbnail shows the last keyframe at or before its time, as the server's
    // `-skip_frame nokey` does: a keyframe decodes alone, so a sheet costs a hundred small decodes
    // at most, however long the file's keyframe interval.
    const packets = new EncodedPacketSink(track);
    const keyOfTile: number[] = [];
    // Past the last keyframe (and past the end) the last keyframe, as the server's sheets show it.
    for (let index = 0; index < tilesPerSheet; index += 1) {
      const ms = tileMs(sheet * tilesPerSheet + index, stepMs);
      const key = (await packets.getKeyPacket(ms / 1000)) ?? (await packets.getFirstPacket());
      if (key) keyOfTile.push(key.timestamp);
    }
    const keys = [...new Set(keyOfTile)].sort((a, b) => a - b);
    const canvas = new OffscreenCanvas(width * filmstripGrid.columns, height * filmstripGrid.rows);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D context for the sheet');
    // Tiles without a picture (a file whose first keyframe never comes) stay black, as the server's.
    context.fillStyle = '#000';
    context.fillRect(0, 0, canvas.width, canvas.height);
    let at = 0;
    for await (const sample of new VideoSampleSink(track).samplesAtTimestamps(keys)) {
      const key = keys[at];
      at += 1;
      if (!sample) continue;
      try {
        keyOfTile.forEach((tileKey, index) => {
          if (tileKey !== key) return;
          sample.draw(context, (index % filmstripGrid.columns) * width, Math.floor(index / filmstripGrid.columns) * height, width, height);
        });
      } finally {
        sample.close();
      }
    }
    return { type: 'done', bitmap: canvas.transferToImageBitmap() };
  } catch (error) {
    const typed = mediaReadError(url, error, 'picture');
    return { type: 'failed', code: typed.code, message: typed.message, status: typed.status };
  } finally {
    input.dispose();
  }
}

self.onmessage = async (event: MessageEvent<SheetRequest>) => {
  const reply = await makeSheet(event.data);
  if (reply.type === 'done') self.postMessage(reply, [reply.bitmap]);
  else self.postMessage(reply);
};
