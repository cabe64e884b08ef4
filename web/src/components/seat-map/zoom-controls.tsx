import type { SeatViewport } from './use-seat-viewport';

/** Zoom in, zoom out (disabled at their limits) and back to the first view of the section. */
export function ZoomControls({ viewport }: { viewport: SeatViewport }) {
  return (
    <fieldset class="zoom-controls">
      <legend class="sr-only">Zoom the seats</legend>
      <button
        type="button"
        aria-label="Zoom in"
        disabled={!viewport.canZoomIn}
        onClick={() => viewport.zoomIn()}
      >
        +
      </button>
      <button
        type="button"
        aria-label="Zoom out"
        disabled={!viewport.canZoomOut}
        onClick={() => viewport.zoomOut()}
      >
        −
      </button>
      <button type="button" onClick={viewport.reset}>
        Reset
      </button>
    </fieldset>
  );
}
