package com.oursprivacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.oursprivacy.errors.OursInvalidResponseException;
import com.oursprivacy.testing.RawServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: a 200 MiB body with neither a length nor chunking (read until the server closes) ends
 * in {@link OursInvalidResponseException}, not OutOfMemoryError, on a 96 MiB heap with the default
 * limit. Run in a child JVM: the heap size is the point.
 */
class SmallHeapResponseTest {
  @Test
  void aHugeUndelimitedBodyOnASmallHeapFailsAsAnInvalidResponse()
      throws IOException, InterruptedException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-cp", cp, Child.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(text)
        .as(text)
        .contains("limit 12582912")
        .contains("OursInvalidResponseException")
        .contains("maxResponseBytes")
        .doesNotContain("OutOfMemoryError");
    assertThat(p.exitValue()).isZero();
  }

  /** The child: a raw server streaming one 200 MiB JSON string until the client hangs up. */
  public static final class Child {
    private Child() {}

    public static void main(String[] args) throws IOException {
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'x');
      long total = 200L * 1024 * 1024;
      try (RawServer server =
              new RawServer(
                  out -> {
                    out.write(
                        RawServer.head(200, "Content-Type: application/json", "Connection: close"));
                    out.write(
                        "{\"id\":\"dst_1\",\"type\":\"Klaviyo\",\"name\":\""
                            .getBytes(StandardCharsets.UTF_8));
                    for (long sent = 0; sent < total; sent += chunk.length) {
                      out.write(chunk);
                    }
                    out.write("\"}".getBytes(StandardCharsets.UTF_8));
                  });
          OursPrivacy ours =
              OursPrivacy.builder()
                  .apiKey("k-123456")
                  .baseUrl(server.baseUrl())
                  .maxRetries(0)
                  .build()) {
        System.out.println("limit " + ours.core().maxResponseBytes());
        try {
          ours.destinations().get("dst_1");
          System.out.println("no failure");
        } catch (OursInvalidResponseException e) {
          System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
          System.out.println("OutOfMemoryError");
          System.exit(1);
        }
      }
    }
  }
}
