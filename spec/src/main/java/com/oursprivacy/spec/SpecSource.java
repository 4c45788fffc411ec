package com.oursprivacy.spec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

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

  private SpecSource(String name, String location, String defaultFile, String liveUrl) {
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
    return new SpecSource(name, location, shared.toString(), liveUrl);
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
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreadable("interrupted");
    } catch (IllegalArgumentException e) {
      throw unreadable("not a valid path or URL");
    }
  }

  private byte[] fetch() throws IOException, InterruptedException {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(location))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
    if (res.statusCode() != 200) {
      throw new IOException("HTTP " + res.statusCode());
    }
    return res.body();
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
