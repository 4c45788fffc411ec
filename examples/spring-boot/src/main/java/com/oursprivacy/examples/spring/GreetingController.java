package com.oursprivacy.examples.spring;

import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.Tracker;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Greets and tracks a {@code Greeted} event; the tracker sends it in the background. */
@RestController
class GreetingController {
  private final Tracker tracker;

  GreetingController(Tracker tracker) {
    this.tracker = tracker;
  }

  @GetMapping("/hello")
  String hello(@RequestParam(name = "user", defaultValue = "anonymous") String user) {
    // Returns at once: validated and queued; a full queue or a closed tracker reports DROPPED.
    tracker.track(Event.named("Greeted").userId(user).property("path", "/hello"));
    return "Hello, " + user + "\n";
  }
}
