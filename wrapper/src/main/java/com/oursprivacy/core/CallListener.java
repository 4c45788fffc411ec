package com.oursprivacy.core;

import java.util.function.BiConsumer;

/**
 * Observes the SDK's calls: every logical call of an {@code OursPrivacy} or {@code OursIngest}
 * client (one operation, however many attempts its retries take), each attempt and each retry
 * decision, and the batches a {@code Tracker} sends. Add one or several with {@link
 * ClientBuilder#listener(CallListener)}; the {@code ours-privacy-micrometer} module turns them into
 * Micrometer observations, metrics and spans.
 *
 * <pre>{@code
 * OursPrivacy ours = OursPrivacy.builder()
 *     .apiKey(key)
 *     .listener(new CallListener() {
 *       @Override
 *       public void onCallEnd(CallEnd end) {
 *         log.info("{} {} after {} attempts", end.call().operation(), end.statusCode(),
 *             end.attempts());
 *       }
 *     })
 *     .build();
 * }</pre>
 *
 * <p>Order of one call's events: {@link #onCallStart}, {@link #addHeaders}, then per attempt {@link
 * #onAttemptStart} and {@link #onAttemptEnd}, with {@link #onRetry} after an attempt that is
 * retried, and finally {@link #onCallEnd}, exactly once, however the call ends (a response, an
 * error, a timeout, cancellation, the client closing). {@code onCallStart} and {@code addHeaders}
 * run on the thread that makes the call; the others on that thread for a blocking call and on an
 * OkHttp thread for an asynchronous one. All events of a call carry the same {@link CallInfo}
 * instance.
 *
 * <p>Implementations must be thread-safe and fast: they run on the call path. Every method has a
 * no-op default. Anything a listener throws (an {@code Error} included) is caught and logged (at
 * WARN the first time for each listener, then at DEBUG) and never changes the call's result. Events
 * carry no secrets, no ids and no bodies: the operation name and the path <i>template</i> only.
 */
public interface CallListener {

  /**
   * A logical call starts: its request is built and valid, no attempt has been made yet.
   *
   * @param call the call; the same instance is passed with every later event of this call
   */
  default void onCallStart(CallInfo call) {}

  /**
   * Adds headers to the call's request (every attempt sends them), for example a W3C {@code
   * traceparent}. Called once, right after {@link #onCallStart}. A header the request already has
   * (authorization, user agent, a per-request header) is never replaced; a name or value OkHttp
   * refuses (control characters) is skipped and logged.
   *
   * @param call the call
   * @param header receives each header to add as {@code (name, value)}
   */
  default void addHeaders(CallInfo call, BiConsumer<String, String> header) {}

  /**
   * An attempt is about to be sent.
   *
   * @param attempt the attempt
   */
  default void onAttemptStart(AttemptStart attempt) {}

  /**
   * An attempt ended with a response or a failure, before the SDK decides whether to retry.
   *
   * @param attempt how it ended
   */
  default void onAttemptEnd(AttemptEnd attempt) {}

  /**
   * The SDK decided to retry the call after the attempt that just ended.
   *
   * @param retry the decision and its delay
   */
  default void onRetry(RetryDecision retry) {}

  /**
   * The logical call ended; called exactly once per {@link #onCallStart}.
   *
   * @param end how it ended
   */
  default void onCallEnd(CallEnd end) {}

  /**
   * A {@code Tracker} of an {@code OursIngest} client with this listener sent one batch (one
   * request to {@code /batch}, or to {@code /track} or {@code /identify} when it sends items alone)
   * and got an answer or a failure. The request itself is also reported as a call ({@code
   * onCallStart} … {@code onCallEnd}).
   *
   * @param batch the batch's size and result
   */
  default void onBatchSent(BatchSent batch) {}
}
