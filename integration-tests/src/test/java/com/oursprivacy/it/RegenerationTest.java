package com.oursprivacy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole library regenerated, with no hand edit, from combined spec variants that the spec
 * module's evolution suite ({@code SpecChangeKindsTest}) derives at test time from the pulled spec
 * into {@code spec/target/derived/}: a copy of this checkout builds the generated client and the
 * wrapper (openapi-generator, the facade, {@code -Werror}, Error Prone) from the variant, and the
 * public API of the result is compared, signature by signature ({@code javap -public}), with this
 * build's.
 *
 * <ul>
 *   <li>{@code platform-3.1.json}: the same API written in OpenAPI 3.1 with path-item parameters,
 *       referenced parameters and a discriminated {@code oneOf}: the identical public API;
 *   <li>{@code platform-additive.json}: deprecations (operation, parameter, field), a new union
 *       variant, an enum value in responses only, a new optional query parameter, renamed
 *       operationIds, a new operation, new response fields, a new security alternative: every
 *       existing signature kept (0 incompatible), new ones added.
 * </ul>
 *
 * <p>Each variant costs a build of the generated client and the wrapper (a few minutes on two
 * cores). Skipped when the variants are missing (the spec module's tests did not run in this build)
 * or with {@code -Dours.regeneration.skip=true}.
 */
class RegenerationTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path WORK = Path.of("target/regeneration").toAbsolutePath();
  private static final Set<String> SKIPPED_DIRS = Set.of("target", ".git", ".idea", "node_modules");

  /**
   * The variants to build: {@code -Dours.regeneration.variants=platform-3.1.json,…}; by default the
   * one that combines every kind (a 3.1 rewrite of the spec with every additive change), one build.
   */
  static Stream<String> variants() {
    return Pattern.compile(",")
        .splitAsStream(
            System.getProperty("ours.regeneration.variants", "platform-3.1-additive.json"))
        .map(String::strip)
        .filter(v -> !v.isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void theLibraryRegeneratesFromTheVariantAndKeepsEveryPublicSignature(String variant)
      throws Exception {
    assumeTrue(!Boolean.getBoolean("ours.regeneration.skip"), "-Dours.regeneration.skip=true");
    Path spec = ROOT.resolve("spec/target/derived").resolve(variant);
    assumeTrue(Files.isRegularFile(spec), spec + " is derived by the spec module's tests");
    Path copy = WORK.resolve(variant.replace(".json", ""));
    copyCheckout(copy);
    Path log = copy.resolve("build.log");
    List<String> cmd =
        List.of(
            copy.resolve("mvnw").toString(),
            "-B",
            "-q",
            "-o",
            "package",
            "-pl",
            "wrapper,sandbox",
            "-am",
            "-DskipTests",
            "-Dmaven.javadoc.skip=true",
            "-Dspotless.check.skip=true",
            "-Dmaven.repo.local=" + System.getProperty("ours.maven.repo"),
            "-Dours.spec.platform=" + spec,
            "-Dours.spec.ingest=" + ROOT.resolveSibling("shared/openapi/ingest-openapi.json"),
            "-Dours.spec.updateLock=true");
    Process p =
        new ProcessBuilder(cmd)
            .directory(copy.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // a bound on the wait, not a timing assertion: a hung build must not hang the suite
    boolean done = p.waitFor(45, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(done && p.exitValue() == 0)
        .as("the library builds from %s with no hand edit:%n%s", variant, tail(output))
        .isTrue();

    TreeSet<String> before = publicApi(ROOT);
    TreeSet<String> after = publicApi(copy);
    TreeSet<String> removed = new TreeSet<>(before);
    removed.removeAll(after);
    TreeSet<String> added = new TreeSet<>(after);
    added.removeAll(before);
    Files.writeString(
        copy.resolve("api-diff.txt"),
        "removed or changed (incompatible): "
            + removed.size()
            + "\n"
            + String.join("\n", removed)
            + "\nadded: "
            + added.size()
            + "\n"
            + String.join("\n", added)
            + "\n");
    System.out.printf(
        "[regeneration] %s: %d public signatures before, %d after: %d incompatible, %d added%n",
        variant, before.size(), after.size(), removed.size(), added.size());
    assertThat(before).hasSizeGreaterThan(1000);
    assertThat(removed).as("incompatible public API changes from " + variant).isEmpty();
    if (variant.contains("additive")) {
      assertThat(added).as("new operation, parameter and fields").isNotEmpty();
    } else {
      assertThat(added).as("a rewrite of the same API adds nothing").isEmpty();
    }
    if (variant.contains("3.1")) {
      sandboxValidatesAgainst(copy);
    }
  }

  /**
   * The sandbox built from the variant (in its own class loader) serves and validates requests: a
   * valid create is accepted, a mistyped field and an explicit null on a non-nullable field are
   * 400, a null on a nullable PATCH field is accepted.
   */
  private static void sandboxValidatesAgainst(Path copy) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String m : List.of("generated-client", "wrapper", "sandbox")) {
      urls.add(copy.resolve(m + "/target/classes").toUri().toURL());
    }
    Pattern.compile(Pattern.quote(File.pathSeparator))
        .splitAsStream(System.getProperty("java.class.path"))
        .filter(e -> e.endsWith(".jar") && !Path.of(e).getFileName().toString().startsWith("ours-"))
        .forEach(
            e -> {
              try {
                urls.add(Path.of(e).toUri().toURL());
              } catch (MalformedURLException ex) {
                throw new IllegalStateException(ex);
              }
            });
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Class<?> type = loader.loadClass("com.oursprivacy.sandbox.OursSandbox");
      AutoCloseable sandbox = (AutoCloseable) type.getMethod("start").invoke(null);
      try {
        String base = (String) type.getMethod("baseUrl").invoke(sandbox);
        String key = (String) type.getMethod("apiKey").invoke(sandbox);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created =
            send(http, base, key, "POST", "/rest/v1/destinations", "{\"type\":\"Mixpanel\"}");
        assertThat(created.statusCode()).as(created.body()).isBetween(200, 201);
        String id =
            JsonParser.parseString(created.body()).getAsJsonObject().get("id").getAsString();
        assertThat(
                send(
                        http,
                        base,
                        key,
                        "POST",
                        "/rest/v1/destinations",
                        "{\"type\":\"Mixpanel\",\"name\":42}")
                    .statusCode())
            .isEqualTo(400);
        HttpResponse<String> patched =
            send(http, base, key, "PATCH", "/rest/v1/destinations/" + id, "{\"hashingSalt\":null}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(
                send(http, base, key, "PATCH", "/rest/v1/destinations/" + id, "{\"type\":null}")
                    .statusCode())
            .isEqualTo(400);
      } finally {
        sandbox.close();
      }
    }
  }

  private static HttpResponse<String> send(
      HttpClient http, String base, String key, String method, String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The sources of this checkout, without build outputs, into {@code to}. */
  private static void copyCheckout(Path to) throws IOException {
    if (Files.exists(to)) {
      try (Stream<Path> walk = Files.walk(to)) {
        for (Path f : (Iterable<Path>) walk.sorted((a, b) -> b.compareTo(a))::iterator) {
          Files.delete(f);
        }
      }
    }
    Files.walkFileTree(
        ROOT,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(ROOT) && SKIPPED_DIRS.contains(dir.getFileName().toString())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(ROOT.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(ROOT.relativize(file).toString());
            Files.copy(
                file,
                target,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Every public and protected member of the public packages (models, wrapper; not {@code internal}
   * or {@code lowlevel}) of a checkout's build, as {@code class :: member} lines.
   */
  static TreeSet<String> publicApi(Path checkout) throws IOException {
    List<Path> dirs =
        List.of(
            checkout.resolve("generated-client/target/classes"),
            checkout.resolve("wrapper/target/classes"),
            checkout.resolve("sandbox/target/classes"));
    List<String> classes = new ArrayList<>();
    for (Path dir : dirs) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(f -> f.toString().endsWith(".class"))
            .map(f -> dir.relativize(f).toString().replace('\\', '/'))
            .filter(f -> !f.contains("/internal/") && !f.contains("/lowlevel/"))
            .filter(f -> !f.endsWith("package-info.class") && !f.matches(".*\\$\\d+.*"))
            .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
            .forEach(classes::add);
      }
    }
    List<String> args = new ArrayList<>();
    args.add("-public");
    args.add("-cp");
    args.add(
        dirs.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
    args.addAll(classes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
    try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      javap.run(ps, ps, args.toArray(new String[0]));
    }
    TreeSet<String> api = new TreeSet<>();
    String current = null;
    for (String line : (Iterable<String>) out.toString(StandardCharsets.UTF_8).lines()::iterator) {
      if (line.startsWith("Compiled from") || line.isBlank() || line.equals("}")) {
        continue;
      }
      if (!line.startsWith(" ")) {
        current = line.replace(" {", "").strip();
        api.add(current);
      } else {
        api.add(current + " :: " + line.strip());
      }
    }
    return api;
  }

  private static String tail(String log) {
    List<String> lines = log.lines().collect(Collectors.toList());
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
