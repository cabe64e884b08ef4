import { useEffect, useMemo } from 'preact/hooks';
import { createCountdown } from '../../models/hold-countdown';

/**
 * "Too many tries — you can try again in 12 s", counting down the server's `Retry-After`;
 * calls `onDone` when the wait is over so the page re-enables its buttons.
 */
export function RetryCountdown(props: { until: number; onDone: () => void }) {
  const countdown = useMemo(() => createCountdown(props.until), [props.until]);
  useEffect(() => countdown.start(), [countdown]);
  const expired = countdown.expired.value;
  useEffect(() => {
    if (expired) props.onDone();
  }, [expired]);
  return (
    <p class="notice" role="status" data-testid="rate-limited">
      Too many tries at once — you can try again in{' '}
      <strong role="timer">{countdown.remainingSeconds.value} s</strong>.
    </p>
  );
}
