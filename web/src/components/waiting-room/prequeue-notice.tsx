import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { formatCountdown } from '../../models/hold-countdown';

/** "2 d 04:05:06", "4:05:06" or "4:05" until opening. */
export function formatUntil(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const rest = formatCountdown(seconds % 3600).padStart(hours || days ? 5 : 0, '0');
  if (days) return `${days} d ${String(hours).padStart(2, '0')}:${rest}`;
  return hours ? `${hours}:${rest}` : rest;
}

/**
 * Before opening: a ticking countdown and the fairness commitment (the SHA-256 of the seed that
 * will shuffle everyone who joined early). After opening: the seed itself, so anyone can check
 * that the order came from the promised seed. `now` is injectable for tests.
 */
export function PrequeueNotice(props: {
  opensAt: number;
  commitment?: string;
  seed?: string;
  now?: () => number;
}) {
  const clock = props.now ?? Date.now;
  const now = useSignal(clock());
  useEffect(() => {
    const timer = setInterval(() => {
      now.value = clock();
    }, 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((props.opensAt - now.value) / 1000));
  return (
    <div class="prequeue-notice" data-testid="prequeue">
      {seconds > 0 ? (
        <p>
          The sale opens in{' '}
          <strong role="timer" data-testid="prequeue-countdown">
            {formatUntil(seconds)}
          </strong>
          . Everyone who joins before then gets a place drawn by a fair shuffle: arriving early
          gives no edge, and you can stay on this page.
        </p>
      ) : (
        <p>The sale is opening — places from the pre-queue are being handed out.</p>
      )}
      {props.commitment && !props.seed && (
        <p class="muted">
          Fairness commitment (SHA-256 of the shuffle seed, published before opening):{' '}
          <code class="hash" data-testid="commitment">
            {props.commitment}
          </code>
        </p>
      )}
      {props.seed && (
        <p class="muted">
          Shuffle seed, now public so anyone can check the order:{' '}
          <code class="hash">{props.seed}</code>
          {props.commitment && (
            <>
              {' '}
              (commitment <code class="hash">{props.commitment}</code>)
            </>
          )}
        </p>
      )}
    </div>
  );
}
