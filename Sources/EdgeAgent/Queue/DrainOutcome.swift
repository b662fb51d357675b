/// What became of one queued escalation's upload.
public enum DrainOutcome: Sendable {
  /// The cloud stored it (or had it already: ids make retries idempotent).
  case delivered
  /// The cloud refused it for good (a 4xx other than auth or rate limits): drop it rather than block the queue.
  case refused
  /// The upload failed in a way that may pass (timeout, 5xx): stop draining, keep it.
  case retryLater
}
