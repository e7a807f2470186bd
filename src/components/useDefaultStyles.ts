import { useInsertionEffect } from 'react';
import { defaultStylesheet } from './defaultStylesheet';

const marker = 'data-multitrack-kit-styles';
// Providers using the sheet in each document: the last one to go takes it out again.
const users = new WeakMap<Document, number>();

/**
 * Puts the kit's default stylesheet first in the document's head while a provider that wants it
 * is mounted: first, so any stylesheet of the host's comes later and wins ties.
 */
export function useDefaultStyles(enabled: boolean): void {
  useInsertionEffect(() => {
    if (!enabled || typeof document === 'undefined') return;
    const count = users.get(document) ?? 0;
    users.set(document, count + 1);
    if (count === 0 && !document.head.querySelector(`style[${marker}]`)) {
      const style = document.createElement('style');
      style.setAttribute(marker, '');
      style.textContent = defaultStylesheet;
      document.head.prepend(style);
    }
    return () => {
      const left = (users.get(document) ?? 1) - 1;
      users.set(document, left);
      if (left === 0) document.head.querySelector(`style[${marker}]`)?.remove();
    };
  }, [enabled]);
}
