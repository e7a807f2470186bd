/**
 * Keeps a drag's moves coming to the element that took the press (the timeline, a clip, a clip's
 * edge) when the pointer leaves it. Firefox throws NotFoundError for a pointer it does not know as
 * active (one an assistive tool or a test synthesised): the press still acts, only the capture is
 * lost, so that is not an error.
 */
export function capturePointer(target: HTMLElement, pointerId: number): void {
  try {
    target.setPointerCapture?.(pointerId);
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
  }
}
