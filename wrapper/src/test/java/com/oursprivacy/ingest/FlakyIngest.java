package com.oursprivacy.ingest;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A /batch server that fails about a third of the time in every way the API can, and records which
 * distinctIds it accepted (the server deduplicates on them, so a count per id shows duplicates on
 * the wire without double-counting).
 */
final class FlakyIngest implements ResponseDefinitionTransformerV2 {
  private final Random random = new Random(20260301);
  final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
  final Map<String, LongAdder> injected = new ConcurrentHashMap<>();
  final LongAdder requests = new LongAdder();

  @Override
  public String getName() {
    return "flaky-ingest";
  }

  private void count(String what) {
    injected.computeIfAbsent(what, k -> new LongAdder()).increment();
  }

  private double roll() {
    synchronized (random) {
      return random.nextDouble();
    }
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    requests.increment();
    JsonObject body =
        JsonParser.parseString(serveEvent.getRequest().getBodyAsString()).getAsJsonObject();
    JsonArray rows = body.getAsJsonArray("events");
    double r = roll();
    if (r < 0.08) {
      count("500 without results");
      return json(500, "{\"success\":false,\"error\":\"internal\"}").build();
    }
    if (r < 0.14) {
      count("429 with Retry-After");
      return json(429, "{\"success\":false}").withHeader("Retry-After", "2").build();
    }
    if (r < 0.19) {
      count("connection reset before processing");
      return new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    if (r < 0.23) {
      count("accepted, then connection reset");
      rows.forEach(row -> accept(row.getAsJsonObject()));
      return new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    if (r < 0.34) {
      boolean serverError = r >= 0.31;
      count(serverError ? "500 with row results" : "207 with queue_failed rows");
      StringBuilder results = new StringBuilder();
      int ok = 0;
      for (int i = 0; i < rows.size(); i++) {
        boolean rowOk = roll() >= 0.3;
        if (rowOk) {
          accept(rows.get(i).getAsJsonObject());
          ok++;
        }
        results
            .append(i == 0 ? "" : ",")
            .append(
                rowOk
                    ? "{\"index\":" + i + ",\"success\":true}"
                    : "{\"index\":"
                        + i
                        + ",\"success\":false,\"code\":\"queue_failed\",\"message\":\"queue unavailable\"}");
      }
      return json(
              serverError ? 500 : 207,
              "{\"success\":false,\"accepted\":"
                  + ok
                  + ",\"failed\":"
                  + (rows.size() - ok)
                  + ",\"results\":["
                  + results
                  + "]}")
          .build();
    }
    rows.forEach(row -> accept(row.getAsJsonObject()));
    return json(
            200, "{\"success\":true,\"accepted\":" + rows.size() + ",\"failed\":0,\"results\":[]}")
        .build();
  }

  private void accept(JsonObject row) {
    accepted
        .computeIfAbsent(row.get("distinctId").getAsString(), k -> new AtomicInteger())
        .incrementAndGet();
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
