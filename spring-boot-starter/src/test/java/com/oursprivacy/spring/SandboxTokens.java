package com.oursprivacy.spring;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.sandbox.OursSandbox;

/** Properties that point the starter at a sandbox, for context-runner tests. */
final class SandboxTokens {
  private SandboxTokens() {}

  /** {@code ours.privacy.*} pairs for the sandbox and a new source of it, in test mode. */
  static String[] properties(OursSandbox sandbox) {
    String testToken;
    try (OursPrivacy ours = sandbox.newClient()) {
      testToken = ours.sources().tokens(sandbox.createSource("ctx")).getTestToken();
    }
    return new String[] {
      "ours.privacy.api-key=" + sandbox.apiKey(),
      "ours.privacy.base-url=" + sandbox.baseUrl(),
      "ours.privacy.ingest.base-url=" + sandbox.ingestBaseUrl(),
      "ours.privacy.ingest.test-token=" + testToken,
      // Long enough that a slow machine never abandons; close returns as soon as all is sent.
      "ours.privacy.tracker.shutdown-timeout=60s"
    };
  }
}
