package com.oursprivacy.spring.test;

import com.oursprivacy.ingest.Mode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the auto-configured Ours Privacy clients of a Spring test at an embedded {@code
 * OursSandbox} (the fake of both APIs on a loopback port, from the {@code ours-privacy-sandbox}
 * test dependency): one line on a {@code @SpringBootTest}.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureOursSandbox
 * class SignupTest {
 *   @Autowired OursSandbox sandbox;
 *   @Autowired Tracker tracker;
 *
 *   @Test
 *   void tracksTheSignup() {
 *     tracker.track(Event.named("Signup").userId("u1"));
 *     tracker.flush(Duration.ofSeconds(5));
 *     assertThat(sandbox.ingest().testEvents()).extracting(RecordedEvent::event).contains("Signup");
 *   }
 * }
 * }</pre>
 *
 * <p>The sandbox starts with the test's application context (one per cached context), with a source
 * created in it; the properties {@code ours.privacy.api-key}, {@code base-url}, {@code
 * ingest.base-url}, {@code ingest.test-token} (and {@code ingest.token}) and {@code ingest.mode}
 * are set to it ahead of every other property source, so no real key or token is ever used. The
 * sandbox is a bean of the context ({@code OursSandbox}) and stops after everything else when the
 * context closes, so the tracker's last events still reach it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureOursSandbox {
  /**
   * The ingest mode of the clients: {@link Mode#TEST} (events recorded as test events) unless said
   * otherwise; {@link Mode#LIVE} sends with the source's live token (recorded as dispatched).
   *
   * @return the mode
   */
  Mode mode() default Mode.TEST;
}
