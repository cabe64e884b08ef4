import { useSignal } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import type { SectionSeats } from './seat-layout';
import {
  ensureVisible,
  frameOf,
  initialView,
  MAX_ZOOM,
  minZoom,
  type Point,
  panBy,
  viewAt,
  zoomBy,
  zoomOf,
} from './viewport';

/** Pointer travel (CSS px) after which a press is a drag, not a click on a seat. */
const DRAG_PX = 5;
/** One press of +/− (or a zoom button). */
const ZOOM_STEP = 1.5;

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Zoom and pan state of one section's seat drawing, and the handlers that drive it: wheel zoom
 * around the pointer, drag to pan, two-finger pinch, and the zoom buttons and keys. The window
 * is a signal, so only the seat drawing re-renders as it moves.
 */
export function useSeatViewport(layout: SectionSeats) {
  const frame = useMemo(() => frameOf(layout), [layout.width, layout.height]);
  const view = useSignal(initialView(layout, frame));
  const svgRef = useRef<SVGSVGElement>(null);
  const pointers = useRef(new Map<number, Point>());
  const travelled = useRef(0);

  /** A point on the screen in layout units (the centre where the page has no layout yet). */
  const toLayout = (clientX: number, clientY: number): Point => {
    const v = view.value;
    const rect = svgRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0 || rect.height === 0) {
      return { x: v.x + v.width / 2, y: v.y + v.height / 2 };
    }
    return {
      x: v.x + ((clientX - rect.left) / rect.width) * v.width,
      y: v.y + ((clientY - rect.top) / rect.height) * v.height,
    };
  };
  const unitsPerPixel = () => {
    const width = svgRef.current?.getBoundingClientRect().width;
    return width ? view.value.width / width : 1 / zoomOf(view.value, frame);
  };

  const zoom = (factor: number, anchor?: Point) => {
    view.value = zoomBy(view.value, layout, frame, factor, anchor);
  };
  const zoomLevel = zoomOf(view.value, frame);

  return {
    frame,
    view,
    svgRef,
    canZoomIn: zoomLevel < MAX_ZOOM - 1e-9,
    canZoomOut: zoomLevel > minZoom(layout, frame) + 1e-9,
    zoomIn: (anchor?: Point) => zoom(ZOOM_STEP, anchor),
    zoomOut: (anchor?: Point) => zoom(1 / ZOOM_STEP, anchor),
    /** Zooms to `level` with `at` in the middle (a click on a zoomed-out drawing). */
    zoomTo: (level: number, at: Point) => {
      const next = viewAt(layout, frame, level, 0, 0);
      view.value = viewAt(layout, frame, level, at.x - next.width / 2, at.y - next.height / 2);
    },
    reset: () => {
      view.value = initialView(layout, frame);
    },
    show: (point: Point) => {
      view.value = ensureVisible(view.value, layout, frame, point);
    },
    toLayout,
    /** True right after a drag or pinch: the click that ends it must not pick a seat. */
    wasDrag: () => travelled.current > DRAG_PX,
    handlers: {
      onWheel: (e: WheelEvent) => {
        const pixels = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
        const before = view.value;
        zoom(Math.min(2, Math.max(0.5, Math.exp(-pixels * 0.002))), toLayout(e.clientX, e.clientY));
        // At a zoom limit the page scrolls on as usual.
        if (view.value.width !== before.width) e.preventDefault();
      },
      onPointerDown: (e: PointerEvent) => {
        if (pointers.current.size === 0) travelled.current = 0;
        pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
      },
      onPointerMove: (e: PointerEvent) => {
        const all = pointers.current;
        const prev = all.get(e.pointerId);
        if (!prev) return;
        const next = { x: e.clientX, y: e.clientY };
        all.set(e.pointerId, next);
        if (all.size === 1) {
          const wasDragging = travelled.current > DRAG_PX;
          travelled.current += distance(prev, next);
          if (travelled.current <= DRAG_PX) return;
          // Captured only once it is a drag: a plain click must still land on its seat.
          if (!wasDragging) svgRef.current?.setPointerCapture?.(e.pointerId);
          const k = unitsPerPixel();
          view.value = panBy(
            view.value,
            layout,
            frame,
            (prev.x - next.x) * k,
            (prev.y - next.y) * k,
          );
          return;
        }
        const other = [...all].find(([id]) => id !== e.pointerId)?.[1];
        if (!other || distance(prev, other) === 0) return;
        travelled.current = Number.POSITIVE_INFINITY;
        const middle = { x: (next.x + other.x) / 2, y: (next.y + other.y) / 2 };
        zoom(distance(next, other) / distance(prev, other), toLayout(middle.x, middle.y));
      },
      onPointerUp: (e: PointerEvent) => {
        pointers.current.delete(e.pointerId);
      },
      onPointerCancel: (e: PointerEvent) => {
        pointers.current.delete(e.pointerId);
      },
    },
  };
}

export type SeatViewport = ReturnType<typeof useSeatViewport>;
