package com.oursprivacy.internal;

import com.oursprivacy.core.AttemptEnd;
import com.oursprivacy.core.AttemptStart;
import com.oursprivacy.core.BatchSent;
import com.oursprivacy.core.CallEnd;
import com.oursprivacy.core.CallInfo;
import com.oursprivacy.core.CallListener;
import com.oursprivacy.core.RetryDecision;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CallListener}s of one client, called in the order they were added. A listener that
 * throws (anything, an {@code Error} included) is logged, at WARN the first time and at DEBUG after
 * that, and the call goes on as if it had returned. <b>Internal, no compatibility guarantee.</b>
 *
 * <p>A client without listeners has none of these ({@link #of} returns null): the call path then
 * allocates nothing for observation.
 */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(CallListener.class);

  private final CallListener[] all;
  private final AtomicBoolean[] warned;

  private Listeners(List<CallListener> listeners) {
    this.all = listeners.toArray(new CallListener[0]);
    this.warned = new AtomicBoolean[all.length];
    for (int i = 0; i < warned.length; i++) {
      warned[i] = new AtomicBoolean();
    }
  }

  /**
   * The listeners, or null when there are none.
   *
   * @param listeners in calling order
   * @return the composite, or null for an empty list
   */
  static @Nullable Listeners of(List<CallListener> listeners) {
    return listeners.isEmpty() ? null : new Listeners(listeners);
  }

  void callStart(CallInfo call) {
    each("onCallStart", call, CallListener::onCallStart);
  }

  void addHeaders(CallInfo call, BiConsumer<String, String> header) {
    each("addHeaders", call, (l, c) -> l.addHeaders(c, header));
  }

  void attemptStart(AttemptStart e) {
    each("onAttemptStart", e, CallListener::onAttemptStart);
  }

  void attemptEnd(AttemptEnd e) {
    each("onAttemptEnd", e, CallListener::onAttemptEnd);
  }

  void retry(RetryDecision e) {
    each("onRetry", e, CallListener::onRetry);
  }

  void callEnd(CallEnd e) {
    each("onCallEnd", e, CallListener::onCallEnd);
  }

  /**
   * Tells every listener that a tracker sent a batch.
   *
   * @param e the batch
   */
  public void batchSent(BatchSent e) {
    each("onBatchSent", e, CallListener::onBatchSent);
  }

  @SuppressWarnings("IllegalCatch") // a listener's failure, whatever it is, must not end the call
  // The event is an argument, not captured: the method references above are constants, so
  // reporting an event allocates nothing beyond the event itself.
  private <E> void each(String event, E e, BiConsumer<CallListener, E> action) {
    for (int i = 0; i < all.length; i++) {
      try {
        action.accept(all[i], e);
      } catch (Throwable t) { // NOPMD see above
        failed(i, event, t);
        if (t instanceof VirtualMachineError) {
          throw (VirtualMachineError) t;
        }
      }
    }
  }

  private void failed(int i, String event, Throwable t) {
    String name = all[i].getClass().getName();
    if (warned[i].compareAndSet(false, true)) {
      LOG.warn(
          "CallListener {} threw from {} (ignored; later failures of this listener are logged at"
              + " DEBUG)",
          name,
          event,
          t);
    } else {
      LOG.debug("CallListener {} threw from {} (ignored)", name, event, t);
    }
  }
}
