import { formatWait, type QueueModel } from '../../models/queue-position';
import { PrequeueNotice } from './prequeue-notice';

/**
 * What a queued buyer sees: their number, people ahead, an honest wait estimate and a progress
 * bar. Announced politely to screen readers as it changes.
 */
export function WaitingRoomPanel({ model }: { model: QueueModel }) {
  const phase = model.phase.value;
  const percent = Math.round(model.progress.value * 100);
  return (
    <section class="card waiting-room" aria-labelledby="wr-title">
      <h2 id="wr-title">You're in the queue</h2>
      {model.notice.value && (
        <p class="notice" role="status" data-testid="queue-notice">
          {model.notice.value}
        </p>
      )}
      {model.opensAt.value !== undefined &&
        (model.opensAt.value > Date.now() || model.seed.value) && (
          <PrequeueNotice
            opensAt={model.opensAt.value}
            commitment={model.commitment.value}
            seed={model.seed.value}
          />
        )}
      {phase === 'joining' || model.position.value === 0 ? (
        <p aria-live="polite">Getting you a place in line…</p>
      ) : (
        <>
          <dl class="queue-stats" aria-live="polite">
            <div>
              <dt>Your number</dt>
              <dd data-testid="queue-position">{model.position.value}</dd>
            </div>
            <div>
              <dt>People ahead</dt>
              <dd data-testid="people-ahead">{model.peopleAhead.value}</dd>
            </div>
            <div>
              <dt>Estimated wait</dt>
              <dd>{formatWait(model.estimatedWaitSeconds.value)}</dd>
            </div>
          </dl>
          <div
            class="progress"
            role="progressbar"
            aria-label="Progress to the front of the queue"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          >
            <div class="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <p class="muted">
            {phase === 'admitting'
              ? 'Your turn — letting you in…'
              : model.paused.value
                ? 'The organizer has paused entry for a moment. Keep this page open.'
                : 'Keep this page open: you will go straight to seat selection when it is your turn.'}
          </p>
        </>
      )}
      {model.error.value && (
        <p class="notice" role="status">
          {model.error.value}
        </p>
      )}
    </section>
  );
}
