package com.oursprivacy.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where one spec comes from: the {@code -Dours.spec.<name>} property when set, else the copy in
 * {@code ../shared/openapi/} beside the checkout when present, else the live URL.
 */
final class SpecSource {
  final String name;
  final String property;
  final String location;
  final String defaultFile;
  final String liveUrl;

  /** The bound on the whole download, body included: {@code ours.spec.timeoutSeconds}, 60 s. */
  final Duration timeout;

  /** The largest spec accepted (64 MiB): a runaway body is an error, not an out-of-memory. */
  static final int MAX_BYTES = 64 << 20;

  private SpecSource(
      String name, String location, String defaultFile, String liveUrl, Duration timeout) {
    this.timeout = timeout;
    this.name = name;
    this.property = "ours.spec." + name;
    this.location = location;
    this.defaultFile = defaultFile;
    this.liveUrl = liveUrl;
  }

  /** Picks the location by the rule above; {@code configured} may be null or blank. */
  static SpecSource resolve(
      String name, String configured, Path root, String sharedFileName, String liveUrl) {
    Path shared = root.resolve("../shared/openapi").resolve(sharedFileName).normalize();
    String location;
    if (configured != null && !configured.isBlank()) {
      location = configured.trim();
    } else if (Files.isRegularFile(shared)) {
      location = shared.toString();
    } else {
      location = liveUrl;
    }
    return new SpecSource(
        name,
        location,
        shared.toString(),
        liveUrl,
        Duration.ofSeconds(Long.getLong("ours.spec.timeoutSeconds", 60)));
  }

  /** This source with another download bound (tests). */
  SpecSource withTimeout(Duration t) {
    return new SpecSource(name, location, defaultFile, liveUrl, t);
  }

  boolean isUrl() {
    return location.startsWith("https://") || location.startsWith("http://");
  }

  /** The raw bytes of the spec; a failure is one line that names the property to set. */
  byte[] read(Path root) {
    try {
      if (isUrl()) {
        return fetch();
      }
      Path p = Path.of(location);
      if (!p.isAbsolute() && !Files.exists(p)) {
        p = root.resolve(location).normalize();
      }
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw unreadable("no such file");
    } catch (IOException e) {
      throw unreadable(
          e.getMessage() != null && isUrl()
              ? e.getMessage()
              : e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreadable("interrupted");
    } catch (IllegalArgumentException e) {
      throw unreadable("not a valid path or URL");
    }
  }

  /**
   * Downloads the spec: no redirect followed (a moved spec is named, not chased), the whole
   * exchange, body included, bounded by {@link #timeout}, and the body by {@link #MAX_BYTES}.
   */
  private byte[] fetch() throws IOException, InterruptedException {
    URI uri = URI.create(location);
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    AtomicReference<InputStream> stream = new AtomicReference<>();
    CompletableFuture<byte[]> body =
        client
            .sendAsync(req, HttpResponse.BodyHandlers.ofInputStream())
            .thenApply(
                res -> {
                  stream.set(res.body());
                  try (InputStream in = res.body()) {
                    if (res.statusCode() / 100 == 3) {
                      throw new UncheckedIOException(
                          new IOException(
                              "HTTP "
                                  + res.statusCode()
                                  + " redirect to "
                                  + res.headers().firstValue("Location").orElse("?")
                                  + "; redirects are not followed, set the final URL"));
                    }
                    if (res.statusCode() != 200) {
                      throw new UncheckedIOException(new IOException("HTTP " + res.statusCode()));
                    }
                    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                    if (bytes.length > MAX_BYTES) {
                      throw new UncheckedIOException(
                          new IOException("larger than " + (MAX_BYTES >> 20) + " MiB"));
                    }
                    return bytes;
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
    try {
      return body.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      body.cancel(true);
      InputStream in = stream.get();
      if (in != null) {
        in.close();
      }
      throw new IOException(
          "timed out after "
              + (timeout.toMillis() < 1000
                  ? timeout.toMillis() + " ms"
                  : timeout.toSeconds() + " s")
              + " (download and body together)",
          e);
    } catch (ExecutionException e) {
      throw explain(uri, e.getCause());
    }
  }

  /** A network failure in words: refused, unknown host, timed out, or the HTTP status. */
  private static IOException explain(URI uri, Throwable cause) {
    String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return new IOException("unknown host " + uri.getHost(), cause);
      }
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return new IOException("connection refused by " + host, cause);
      }
      if (t instanceof HttpTimeoutException) {
        return new IOException("timed out connecting to " + host, cause);
      }
      if (t instanceof IOException
          && t.getMessage() != null
          && (t.getMessage().startsWith("HTTP ") || t.getMessage().startsWith("larger than"))) {
        return (IOException) t;
      }
    }
    return new IOException(
        cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
        cause);
  }

  SpecException unreadable(String reason) {
    return new SpecException(
        "Cannot read the "
            + name
            + " spec from '"
            + location
            + "' ("
            + reason
            + "). Set -D"
            + property
            + "=<https URL or file path> (default: "
            + defaultFile
            + " when present, else "
            + liveUrl
            + ").");
  }

  SpecException invalid(String reason) {
    return new SpecException(
        "The "
            + name
            + " spec from '"
            + location
            + "' is not a usable OpenAPI 3 document ("
            + reason
            + "). Set -D"
            + property
            + "=<https URL or file path> to another copy.");
  }

  /** How the lock records the source: relative to the checkout when it lies beside it. */
  String display(Path root) {
    if (isUrl()) {
      return location;
    }
    Path abs = Path.of(location).toAbsolutePath().normalize();
    Path r = root.toAbsolutePath().normalize();
    try {
      return r.relativize(abs).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      return abs.toString();
    }
  }
}
