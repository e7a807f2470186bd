// How every test here starts Debian's Chromium: as root without a sandbox, no GPU, nothing fetched
// in the background (this machine's network is closed), and sound allowed without a click.
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];
