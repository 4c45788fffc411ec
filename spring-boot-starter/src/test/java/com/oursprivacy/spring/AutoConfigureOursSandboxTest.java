package com.oursprivacy.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.models.Source;
import com.oursprivacy.sandbox.OursSandbox;
import com.oursprivacy.sandbox.RecordedEvent;
import com.oursprivacy.spring.test.AutoConfigureOursSandbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/** One annotation points a {@code @SpringBootTest}'s clients at an embedded sandbox. */
@SpringBootTest(
    classes = AutoConfigureOursSandboxTest.App.class,
    // a real key in the environment must not matter
    properties = {"ours.privacy.api-key=not-the-sandbox", "ours.privacy.ingest.mode=live"})
@AutoConfigureOursSandbox
class AutoConfigureOursSandboxTest {
  @Autowired OursSandbox sandbox;
  @Autowired OursPrivacy ours;
  @Autowired OursIngest ingest;
  @Autowired Tracker tracker;

  @Test
  void theClientsTalkToTheSandboxInTestMode() {
    assertThat(ingest.mode()).isEqualTo(Mode.TEST);
    assertThat(ours.sources().list()).extracting(Source::getName).contains("spring-boot-test");
    assertThat(tracker.track(Event.named("Signup").userId("u1"))).isTrue();
    assertThat(tracker.flush(Duration.ofMinutes(2)).completed()).isTrue();
    assertThat(sandbox.ingest().testEvents())
        .extracting(RecordedEvent::event)
        .containsExactly("Signup");
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
