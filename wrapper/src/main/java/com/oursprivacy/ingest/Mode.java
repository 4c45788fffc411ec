package com.oursprivacy.ingest;

/**
 * Which source token an {@link OursIngest} client sends.
 *
 * <p>{@link #TEST} events are stored and processed and their dispatches built, but nothing is sent
 * to destinations (the dashboard tags them "Test"). Going live means switching to {@link #LIVE}.
 */
public enum Mode {
  /** Send the source's live token: events reach destinations. */
  LIVE,
  /** Send only the source's test token: nothing reaches destinations. */
  TEST
}
