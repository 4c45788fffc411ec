package com.oursprivacy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.sandbox.OursSandbox;
import org.junit.jupiter.api.Test;

/** The realistic program of issue 11 runs, as written, against the embedded sandbox. */
class RealisticProgramTest {
  @Test
  void createsPagesPatchesAndTracksAThousandTestEvents() {
    try (OursSandbox sandbox = OursSandbox.start()) {
      String summary = RealisticProgram.run(sandbox);

      assertThat(summary)
          .isEqualTo(
              "25 destinations in 3 pages; patched \"Mixpanel (EU)\" {region=eu}; "
                  + "1000 events sent in TEST mode, 0 failed");
      assertThat(sandbox.ingest().testEvents()).hasSize(1000);
      assertThat(sandbox.ingest().dispatched()).isEmpty();
    }
  }
}
