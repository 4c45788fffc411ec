package com.oursprivacy.examples;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.ingest.Tracker;
import com.oursprivacy.ingest.TrackerConfig;
import com.oursprivacy.ingest.TrackerStats;
import com.oursprivacy.models.Destination;
import com.oursprivacy.models.DestinationCreateType;
import com.oursprivacy.models.Source;
import com.oursprivacy.models.SourceType;
import com.oursprivacy.pagination.Page;
import com.oursprivacy.resources.DestinationCreateParams;
import com.oursprivacy.resources.DestinationListParams;
import com.oursprivacy.resources.DestinationUpdateParams;
import com.oursprivacy.resources.SourceCreateParams;
import com.oursprivacy.sandbox.OursSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A realistic first program, written only from the README: create a source and 25 destinations,
 * page through them, patch one, read the source's test token, and track 1,000 events in TEST mode,
 * all against the embedded sandbox. {@code ./mvnw -B -q -pl examples exec:java
 * -Dexample=RealisticProgram}
 *
 * <p>It never touches the real API, even when {@code OURS_PRIVACY_API_KEY} is exported: it creates
 * 25 destinations and keeps them, which only a throw-away sandbox should get. Its first line says
 * so; {@code --live} / {@code -Dexample.live=true} is refused (the quick start has a live mode that
 * cleans up after itself).
 */
public final class RealisticProgram {
  private RealisticProgram() {}

  /** Runs the program on a fresh sandbox and prints where it runs and its one-line summary. */
  public static void main(String[] args) {
    if (QuickStart.live(args)) {
      System.err.println(
          "RealisticProgram runs only on the embedded sandbox (it keeps what it creates); for the"
              + " real API run the quick start with --live");
      System.exit(2);
    }
    try (OursSandbox sandbox = OursSandbox.start()) {
      System.out.println(banner(sandbox, System.getenv("OURS_PRIVACY_API_KEY")));
      System.out.println(run(sandbox));
    }
  }

  /** The first line: where the program runs, and that a key in the environment is left alone. */
  static String banner(OursSandbox sandbox, String apiKey) {
    return "RealisticProgram: embedded sandbox at "
        + sandbox.baseUrl()
        + (apiKey != null && !apiKey.isBlank()
            ? " (OURS_PRIVACY_API_KEY is set but never used here)"
            : " (no API key needed)");
  }

  /** The program itself; returns what it did in one line. */
  static String run(OursSandbox sandbox) {
    return run(sandbox, tracker -> {});
  }

  /**
   * The program, with {@code beforeClose} run between the last {@code track} and {@code close()}:
   * tests use it to have the worker send everything before {@code close()}, as it does on a fast
   * machine.
   */
  static String run(OursSandbox sandbox, Consumer<Tracker> beforeClose) {
    try (OursPrivacy ours = sandbox.newClient()) {
      Source web =
          ours.sources()
              .create(SourceCreateParams.builder().name("web").type(SourceType.WEB_SOURCE).build());
      for (int i = 1; i <= 25; i++) {
        ours.destinations()
            .create(
                DestinationCreateParams.builder()
                    .name("Mixpanel " + i)
                    .type(DestinationCreateType.MIXPANEL)
                    .settings(Map.of("region", "us"))
                    .build());
      }
      List<Destination> all = new ArrayList<>();
      int pages = 0;
      for (Page<Destination> page :
          ours.destinations().list(DestinationListParams.builder().limit(10).build()).pages()) {
        pages++;
        all.addAll(page.items());
      }
      Destination eu =
          ours.destinations()
              .update(
                  all.get(0).getId(),
                  DestinationUpdateParams.builder()
                      .name("Mixpanel (EU)")
                      .putSetting("region", "eu")
                      .build());
      String testToken = ours.sources().tokens(web.getId()).getTestToken();
      try (OursIngest ingest =
          OursIngest.builder()
              .testToken(testToken)
              .mode(Mode.TEST)
              .baseUrl(sandbox.ingestBaseUrl())
              .build()) {
        Tracker tracker = ingest.tracker(TrackerConfig.builder().batchSize(100).build());
        for (int i = 0; i < 1_000; i++) {
          tracker.track(Event.named("Page Viewed").userId("user-" + i % 50).property("n", i));
        }
        beforeClose.accept(tracker);
        // totals(): every event since the tracker started, not only those sent during close()
        TrackerStats sent = tracker.close(Duration.ofSeconds(30)).totals();
        return all.size()
            + " destinations in "
            + pages
            + " pages; patched \""
            + eu.getName()
            + "\" "
            + eu.getSettings()
            + "; "
            + sent.sent()
            + " events sent in "
            + ingest.mode()
            + " mode, "
            + sent.failed()
            + " failed";
      }
    }
  }
}
