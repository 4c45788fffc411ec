package com.oursprivacy.examples;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.errors.OursException;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.FlushReport;
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
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The README's quick start: creates a source and three destinations, pages through them, patches
 * one field and clears a setting, reads the source's test token, sends events in TEST mode through
 * the background tracker, flushes, and cleans up.
 *
 * <p>Always runs against the embedded {@link OursSandbox}, even when {@code OURS_PRIVACY_API_KEY}
 * is exported, unless asked for the real API explicitly with {@value #LIVE_FLAG} or {@code
 * -D}{@value #LIVE_PROPERTY}{@code =true}; then it uses that key, still in TEST mode (nothing
 * reaches destinations), with resources named {@code sdk-quickstart-…} that it deletes at the end.
 * Its first line says which it uses. Keys and tokens are never printed in full.
 */
public final class QuickStart {
  /** The argument that asks for the real API. */
  static final String LIVE_FLAG = "--live";

  /** The system property that asks for the real API ({@code -Dexample.live=true}). */
  static final String LIVE_PROPERTY = "example.live";

  private QuickStart() {}

  /**
   * Runs the quick start on the sandbox, or on the real API with {@value #LIVE_FLAG} / {@code
   * -Dexample.live=true}; exits with status 1 and one line on stderr when an API call fails, 2 when
   * the real API is asked for without a key.
   */
  public static void main(String[] args) {
    boolean live = live(args);
    String key = System.getenv("OURS_PRIVACY_API_KEY");
    if (live && (key == null || key.isBlank())) {
      System.err.println(
          "quick start: --live / -Dexample.live=true needs OURS_PRIVACY_API_KEY; without them it"
              + " runs on the embedded sandbox");
      System.exit(2);
    }
    try {
      run(System.out, live, key);
    } catch (OursException e) {
      System.err.println(
          "quick start failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      System.exit(1);
    }
  }

  /** Whether the real API was asked for: {@value #LIVE_FLAG} or {@code -Dexample.live=true}. */
  static boolean live(String[] args) {
    return Arrays.asList(args).contains(LIVE_FLAG) || Boolean.getBoolean(LIVE_PROPERTY);
  }

  /**
   * The quick start, printing to {@code out}: against the real API with {@code apiKey} when {@code
   * live}, else against a sandbox it starts and stops (saying so, and that a key in the environment
   * was left alone).
   */
  static void run(PrintStream out, boolean live, String apiKey) {
    run(out, live, apiKey, tracker -> {});
  }

  /**
   * The quick start with {@code beforeFlush} run between the last {@code track} and {@code
   * flush()}: tests use it to have the worker send the events before {@code flush()}, as it may on
   * a busy machine, and check that the printed count does not depend on it.
   */
  static void run(PrintStream out, boolean live, String apiKey, Consumer<Tracker> beforeFlush) {
    boolean haveKey = apiKey != null && !apiKey.isBlank();
    if (live && haveKey) {
      try (OursPrivacy ours = OursPrivacy.builder().apiKey(apiKey).build()) {
        out.println(
            "Ours Privacy quick start: real API, key " + mask(apiKey) + ", events in TEST mode");
        walkThrough(out, ours, null, beforeFlush);
      }
      return;
    }
    try (OursSandbox sandbox = OursSandbox.start();
        OursPrivacy ours = sandbox.newClient()) {
      out.println(
          "Ours Privacy quick start: embedded sandbox at "
              + sandbox.baseUrl()
              + (haveKey
                  ? " (OURS_PRIVACY_API_KEY is set but not used; --live or -Dexample.live=true"
                      + " runs against the real API)"
                  : " (no API key needed)"));
      walkThrough(out, ours, sandbox, beforeFlush);
      out.println(
          "  sandbox   recorded "
              + sandbox.ingest().testEvents().size()
              + " test events, "
              + sandbox.ingest().dispatched().size()
              + " dispatched to destinations");
    }
  }

  private static void walkThrough(
      PrintStream out, OursPrivacy ours, OursSandbox sandbox, Consumer<Tracker> beforeFlush) {
    String tag = "sdk-quickstart-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    Source source = null;
    List<String> destinations = new ArrayList<>();
    try {
      source =
          ours.sources()
              .create(
                  SourceCreateParams.builder()
                      .name(tag + " web")
                      .type(SourceType.WEB_SOURCE)
                      .build());
      out.println(
          "  created   source \"" + source.getName() + "\" (" + source.getType().getValue() + ")");

      for (int i = 1; i <= 3; i++) {
        Destination d =
            ours.destinations()
                .create(
                    DestinationCreateParams.builder()
                        .name(tag + " mixpanel " + i)
                        .type(DestinationCreateType.MIXPANEL)
                        .settings(Map.of("region", "us", "legacyKey", "old"))
                        .build());
        destinations.add(d.getId());
      }
      out.println(
          "  created   3 destinations (Mixpanel, status "
              + ours.destinations().get(destinations.get(0)).getStatus().getValue()
              + ")");

      int pages = 0;
      int mine = 0;
      for (Page<Destination> page :
          ours.destinations().list(DestinationListParams.builder().limit(2L).build()).pages()) {
        pages++;
        mine +=
            (int)
                page.items().stream()
                    .filter(d -> d.getName() != null && d.getName().startsWith(tag))
                    .count();
      }
      out.println(
          "  listed    " + mine + " of them with a pager: " + pages + " pages of at most 2");

      Destination patched =
          ours.destinations()
              .update(
                  destinations.get(0),
                  DestinationUpdateParams.builder()
                      .name(tag + " mixpanel EU")
                      .clearSetting("legacyKey")
                      .build());
      out.println(
          "  patched   name -> \""
              + patched.getName()
              + "\", cleared settings.legacyKey, kept "
              + patched.getSettings());

      String testToken = ours.sources().tokens(source.getId()).getTestToken();
      out.println("  token     test token " + mask(testToken) + " for the source");

      OursIngest.Builder ib = OursIngest.builder().testToken(testToken).mode(Mode.TEST);
      if (sandbox != null) {
        ib.baseUrl(sandbox.ingestBaseUrl());
      }
      try (OursIngest ingest = ib.build()) {
        Tracker tracker = ingest.tracker(TrackerConfig.builder().batchSize(10).build());
        tracker.track(
            Event.named("Quick Start Viewed").userId("quickstart-user").property("step", 1));
        tracker.track(
            Event.named("Quick Start Clicked").userId("quickstart-user").property("button", "go"));
        tracker.track(Event.named("Quick Start Done").email("quickstart@example.com"));
        beforeFlush.accept(tracker);
        FlushReport flushed = tracker.flush(Duration.ofSeconds(15));
        tracker.close(Duration.ofSeconds(5));
        // totals(): the worker may have sent some or all of them before flush() was called
        TrackerStats totals = flushed.totals();
        out.println(
            "  tracked   3 events in "
                + ingest.mode()
                + " mode, flushed: "
                + totals.sent()
                + " sent, "
                + totals.failed()
                + " failed, "
                + flushed.pending()
                + " pending");
      }
    } finally {
      for (String id : destinations) {
        ours.destinations().delete(id);
      }
      if (source != null) {
        ours.sources().delete(source.getId());
      }
      out.println(
          "  cleaned   deleted "
              + destinations.size()
              + " destinations and "
              + (source == null ? 0 : 1)
              + " source");
    }
  }

  /** The first 5 and last 4 characters at most; short values are hidden entirely. */
  static String mask(String secret) {
    return secret.length() < 16
        ? "…"
        : secret.substring(0, 5) + "…" + secret.substring(secret.length() - 4);
  }
}
