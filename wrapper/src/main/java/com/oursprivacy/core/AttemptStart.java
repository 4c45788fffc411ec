package com.oursprivacy.core;

import java.util.Objects;

/** An attempt of a call is about to be sent ({@link CallListener#onAttemptStart}). Immutable. */
public final class AttemptStart {
  private final CallInfo call;
  private final int attempt;

  /**
   * The event; the SDK makes these, listeners' tests may too.
   *
   * @param call the call
   * @param attempt which attempt, from 1
   * @throws NullPointerException if {@code call} is null
   */
  public AttemptStart(CallInfo call, int attempt) {
    this.call = Objects.requireNonNull(call, "call == null");
    this.attempt = attempt;
  }

  /**
   * The call this attempt belongs to.
   *
   * @return the call
   */
  public CallInfo call() {
    return call;
  }

  /**
   * Which attempt this is.
   *
   * @return 1 for the first, 2 for the first retry, …
   */
  public int attempt() {
    return attempt;
  }

  @Override
  public String toString() {
    return "AttemptStart{" + call.operation() + ", attempt=" + attempt + "}";
  }
}
