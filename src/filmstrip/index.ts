// Filmstrips: the thumbnail sheets a timeline draws on its video clips, from the media server's
// derived-media pipeline or made in a worker in the browser, and the byte-capped cache holding them.
export * from './filmstripQuery';
export * from './makeSheetInWorker';
