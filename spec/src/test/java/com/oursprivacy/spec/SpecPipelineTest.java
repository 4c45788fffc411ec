package com.oursprivacy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecPipelineTest {
  @TempDir Path root;

  private SpecSource source(String location) {
    return SpecSource.resolve(
        "platform", location, root, "platform-openapi.json", "https://example.invalid/spec");
  }

  private Path write(String name, String text) throws IOException {
    Path p = root.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private String runCapturing(SpecSource src, boolean strict, boolean update) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      Files.createDirectories(root.resolve("spec"));
      SpecPipeline.run(root, root.resolve("out"), strict, update, src);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void missingFileFailsWithOneLineNamingTheProperty() {
    SpecSource src = source(root.resolve("nope.json").toString());
    assertThatThrownBy(() -> src.read(root))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("Cannot read the platform spec")
        .hasMessageContaining("no such file")
        .hasMessageContaining("-Dours.spec.platform=")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void unsetPropertyFallsBackToSharedCopyThenLiveUrl() throws IOException {
    assertThat(source(null).location).isEqualTo("https://example.invalid/spec");
    Path shared = root.resolve("../shared/openapi");
    Files.createDirectories(shared);
    Files.write(
        shared.resolve("platform-openapi.json"),
        Fragments.text("crud.json").getBytes(StandardCharsets.UTF_8));
    try {
      assertThat(source(" ").location).endsWith("shared/openapi/platform-openapi.json");
    } finally {
      Files.delete(shared.resolve("platform-openapi.json"));
    }
  }

  @Test
  void truncatedJsonIsAClearError() throws IOException {
    SpecSource src = source(write("t.json", Fragments.text("truncated.json")).toString());
    assertThatThrownBy(() -> SpecPipeline.parse(src, src.read(root)))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("not a usable OpenAPI 3 document (invalid JSON");
  }

  @Test
  void swagger2EmptyHtmlAndOperationlessSpecsAreRejectedInOneLine() throws IOException {
    SpecSource s2 = source(write("s2.json", Fragments.text("swagger2.json")).toString());
    assertOneLine(
        () -> SpecPipeline.parse(s2, s2.read(root)),
        "Swagger 2.0 (OpenAPI 2); convert it to OpenAPI 3.0 or 3.1 first");
    SpecSource none = source(write("n.json", Fragments.text("no-operations.json")).toString());
    assertOneLine(() -> SpecPipeline.parse(none, none.read(root)), "no operations");
    SpecSource empty = source(write("e.json", " \n").toString());
    assertOneLine(() -> SpecPipeline.parse(empty, empty.read(root)), "(the file is empty)");
    SpecSource html = source(write("h.json", "<!DOCTYPE html><html>login</html>").toString());
    assertOneLine(() -> SpecPipeline.parse(html, html.read(root)), "an HTML page?");
    SpecSource v4 = source(write("v4.json", "{\"openapi\": \"4.0.0\", \"paths\": {}}").toString());
    assertOneLine(() -> SpecPipeline.parse(v4, v4.read(root)), "only 3.0 and 3.1 are read");
  }

  private static void assertOneLine(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String text) {
    assertThatThrownBy(call)
        .isInstanceOf(SpecException.class)
        .hasMessageContaining(text)
        .hasMessageContaining("-Dours.spec.platform=")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
        .satisfies(e -> assertThat(e.getCause()).isNull());
  }

  @Test
  void refusedUnknownHostRedirectAndSlowBodyAreNamed() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.createContext(
        "/moved",
        ex -> {
          ex.getResponseHeaders().add("Location", "https://example.invalid/elsewhere");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.createContext(
        "/slow",
        ex -> {
          // headers at once, then a body that never ends: only a bound on the whole download
          // ends the read
          ex.sendResponseHeaders(200, 0);
          ex.getResponseBody().write('{');
          ex.getResponseBody().flush();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    int port = server.getAddress().getPort();
    try {
      String base = "http://127.0.0.1:" + port;
      assertThatThrownBy(() -> source(base + "/moved").read(root))
          .hasMessageContaining("HTTP 302 redirect to https://example.invalid/elsewhere")
          .hasMessageContaining("redirects are not followed");
      assertThatThrownBy(
              () -> source(base + "/slow").withTimeout(java.time.Duration.ofMillis(300)).read(root))
          .hasMessageContaining("timed out after 300 ms (download and body together)");
    } finally {
      release.countDown();
      server.stop(0);
    }
    // the port is free now: nothing listens, the connection is refused
    assertThatThrownBy(() -> source("http://127.0.0.1:" + port + "/spec.json").read(root))
        .hasMessageContaining("connection refused by 127.0.0.1:" + port);
    assertThatThrownBy(() -> source("http://no-such-host.invalid/spec.json").read(root))
        .hasMessageContaining("unknown host no-such-host.invalid");
  }

  @Test
  void driftFailsOnCiOnlyUnlessSetExplicitly() {
    assertThat(SpecPipeline.strict(null, "true")).isTrue();
    assertThat(SpecPipeline.strict("", null)).isFalse();
    assertThat(SpecPipeline.strict(" ", "false")).isFalse();
    assertThat(SpecPipeline.strict("true", null)).isTrue();
    assertThat(SpecPipeline.strict("false", "true")).isFalse();
  }

  @Test
  void urlSourcesAreFetchedAndHttpErrorsNamed() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = Fragments.text("crud.json").getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/spec.json",
        ex -> {
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
          }
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      assertThat(source(base + "/spec.json").read(root)).isEqualTo(body);
      assertThatThrownBy(() -> source(base + "/missing").read(root))
          .hasMessageContaining("HTTP 404")
          .hasMessageContaining("-Dours.spec.platform=");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void firstRunWritesTheLockAndAnUnchangedSpecReportsNoDrift() throws IOException {
    SpecSource src = source(write("p.json", Fragments.text("crud.json")).toString());
    assertThat(runCapturing(src, false, false)).contains("wrote");
    String lock = Files.readString(root.resolve("spec/spec.lock"));
    assertThat(lock)
        .contains("[platform]")
        .contains("operations = 10")
        .contains("op destinations.list GET /rest/v1/destinations")
        .contains("field destinations.update body.name");
    assertThat(runCapturing(src, true, false)).doesNotContain("differs");
    assertThat(root.resolve("out/platform.json")).exists();
  }

  @Test
  void driftListsAddedAndRemovedOperationsAndFieldsWithoutFailing() throws IOException {
    SpecSource src = source(write("p.json", Fragments.text("crud.json")).toString());
    runCapturing(src, false, false);
    JsonObject changed = Fragments.json("crud.json");
    changed.getAsJsonObject("paths").remove("/rest/v1/allowed-events");
    changed
        .getAsJsonObject("paths")
        .getAsJsonObject("/rest/v1/destinations")
        .getAsJsonObject("post")
        .getAsJsonObject("requestBody")
        .getAsJsonObject("content")
        .getAsJsonObject("application/json")
        .getAsJsonObject("schema")
        .getAsJsonObject("properties")
        .add("hashingSalt", new JsonObject());
    write("p.json", changed.toString());
    String out = runCapturing(src, false, false);
    assertThat(out)
        .contains("platform: spec differs from spec/spec.lock")
        .contains("- allowed_events.list GET /rest/v1/allowed-events")
        .contains("+ destinations.create body.hashingSalt")
        .contains("operations: 10 -> 9")
        .contains("WARNING: the specs differ from spec/spec.lock")
        .contains("this build uses the pulled specs");
  }

  @Test
  void strictModeMakesDriftFatalAndUpdateAcceptsIt() throws IOException {
    SpecSource src = source(write("p.json", Fragments.text("crud.json")).toString());
    runCapturing(src, false, false);
    JsonObject changed = Fragments.json("crud.json");
    changed.getAsJsonObject("paths").remove("/rest/v1/sources");
    write("p.json", changed.toString());
    byte[] before = Files.readAllBytes(root.resolve("out/platform.json"));
    String lockBefore = Files.readString(root.resolve("spec/spec.lock"));
    assertThatThrownBy(() -> runCapturing(src, true, false))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("-Dours.spec.updateLock=true");
    // the rejected spec reaches neither the outputs nor the lock
    assertThat(Files.readAllBytes(root.resolve("out/platform.json"))).isEqualTo(before);
    assertThat(Files.readString(root.resolve("spec/spec.lock"))).isEqualTo(lockBefore);
    assertThat(root.resolve("spec-update/report.md")).exists();
    runCapturing(src, false, true);
    assertThat(Files.readString(root.resolve("spec/spec.lock"))).contains("operations = 9");
    assertThat(runCapturing(src, true, false)).doesNotContain("differs");
  }
}
