package com.oursprivacy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import org.junit.jupiter.api.Test;

@OursSandboxTest
class ExtensionTest {
  @Test
  void injectsOneSandboxAndClientsAimedAtIt(
      OursSandbox sandbox, OursPrivacy ours, OursIngest ingest) {
    assertThat(sandbox.baseUrl()).startsWith("http://127.0.0.1:");
    assertThat(ingest.mode()).isEqualTo(Mode.TEST);
    assertThat(ours.sources().list().stream().map(s -> s.getName()))
        .containsExactly("sandbox test source");
    ingest.track(Event.named("Injected").userId("u1"));
    assertThat(sandbox.ingest().testEvents())
        .extracting(RecordedEvent::event)
        .containsExactly("Injected");
  }

  @Test
  void eachTestGetsAFreshSandbox(OursSandbox sandbox) {
    assertThat(sandbox.ingest().events()).isEmpty();
    assertThat(sandbox.toString()).doesNotContain(sandbox.apiKey());
  }
}
