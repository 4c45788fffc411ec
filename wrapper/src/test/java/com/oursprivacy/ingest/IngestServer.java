package com.oursprivacy.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/** WireMock on a dynamic loopback port, answering 200 {"success":true} unless a test stubs more. */
final class IngestServer implements AutoCloseable {
  final WireMockServer wm;

  IngestServer(Extension... extensions) {
    wm =
        new WireMockServer(
            wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(extensions));
    wm.start();
    wm.stubFor(
        any(urlPathMatching("/api/v1/.*"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"success\":true}")));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + wm.port() + "/api/v1";
  }

  List<ServeEvent> requests() {
    return wm.getAllServeEvents();
  }

  /** Bodies of every recorded request, oldest first. */
  List<JsonObject> bodies() {
    List<JsonObject> out = new ArrayList<>();
    List<ServeEvent> events = new ArrayList<>(wm.getAllServeEvents());
    java.util.Collections.reverse(events);
    for (ServeEvent e : events) {
      JsonElement j = JsonParser.parseString(e.getRequest().getBodyAsString());
      out.add(j.getAsJsonObject());
    }
    return out;
  }

  @Override
  public void close() {
    wm.stop();
  }
}
