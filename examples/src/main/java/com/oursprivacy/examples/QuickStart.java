package com.oursprivacy.examples;

/**
 * The README's quick start. Until the sandbox lands it only says so; it will create a source and
 * a destination, page through lists, patch, fetch the test token and send test-mode events.
 */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the quick start. */
  public static void main(String[] args) {
    System.out.println("Ours Privacy Java SDK quick start: coming soon (it needs the embedded sandbox).");
  }
}
