package com.oursprivacy.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Child JVMs that end without {@code close()}: the default shutdown hook delivers what it can and
 * reports the rest ABANDONED, so no event disappears silently. Also: two JVMs never draw the same
 * distinctIds.
 */
class ExitWithoutCloseTest {
  private static List<String> run(String... args) throws IOException, InterruptedException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(java, "-XX:TieredStopAtLevel=1", "-cp", cp, ExitChild.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return List.of(new String(out, StandardCharsets.UTF_8).split("\n"));
  }

  private static Set<String> with(List<String> lines, String prefix) {
    Set<String> out = new HashSet<>();
    lines.stream()
        .filter(l -> l.startsWith(prefix))
        .forEach(l -> out.add(l.substring(prefix.length()).trim()));
    return out;
  }

  private static Set<String> received(IngestServer server) {
    Set<String> ids = new HashSet<>();
    for (JsonObject body : server.bodies()) {
      for (JsonElement row : body.getAsJsonArray("events")) {
        ids.add(row.getAsJsonObject().get("distinctId").getAsString());
      }
    }
    return ids;
  }

  @Test
  void mainReturningWithoutCloseStillDeliversEveryQueuedEvent() throws Exception {
    try (IngestServer server = new IngestServer()) {
      List<String> out = run(server.baseUrl(), "1050", "return", "10000");

      Set<String> tracked = with(out, "TRACKED ");
      assertThat(tracked).hasSize(1050);
      assertThat(received(server)).containsAll(tracked);
      assertThat(with(out, "ABANDONED ")).isEmpty();
    }
  }

  @Test
  void systemExitWithASlowServerReportsWhatTheHookCouldNotSendAsAbandoned() throws Exception {
    try (IngestServer server = new IngestServer()) {
      server.wm.stubFor(
          post(urlPathEqualTo("/api/v1/batch"))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"success\":true}")
                      .withFixedDelay(400)));
      List<String> out = run(server.baseUrl(), "1050", "exit", "600");

      Set<String> tracked = with(out, "TRACKED ");
      Set<String> abandoned = with(out, "ABANDONED ");
      Set<String> delivered = received(server);
      assertThat(tracked).hasSize(1050);
      assertThat(abandoned).isNotEmpty();
      Set<String> accounted = new HashSet<>(abandoned);
      accounted.addAll(delivered);
      assertThat(accounted).containsAll(tracked); // nothing vanished without an outcome
    }
  }

  @Test
  void twoJvmsDrawDisjointDistinctIds() throws Exception {
    Set<String> a = new HashSet<>(run("ids", "20000"));
    Set<String> b = new HashSet<>(run("ids", "20000"));

    assertThat(a).hasSize(20000);
    assertThat(b).hasSize(20000);
    a.retainAll(b);
    assertThat(a).isEmpty();
  }
}
