package com.oursprivacy.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.core.RequestOptions;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.models.Destination;
import com.oursprivacy.models.DestinationCreateType;
import com.oursprivacy.resources.DestinationCreateParams;
import com.oursprivacy.sandbox.OursSandbox;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Docs as code: every {@code ```java} block of README.md and docs/*.md compiles, and the blocks
 * marked runnable run (against the embedded sandbox they start themselves).
 *
 * <p>The rules a block follows (CONTRIBUTING.md, "Conventions"):
 *
 * <ul>
 *   <li>It shows its imports ({@code import …;} lines at its top). Nothing else is imported.
 *   <li>A block that starts with a declaration ({@code class}, {@code @Annotation class}) is a
 *       compilation unit; any other block is the body of a method that declares no checked
 *       exception, so a block compiles exactly as a reader pasting it into their own method would
 *       see it: one that calls something throwing a checked exception handles it itself.
 *   <li>A {@code <!-- given: Type name, Type name -->} line before a block names the variables it
 *       uses without creating them (e.g. an {@code OursPrivacy ours} built earlier on the page);
 *       their types must be imported by the block.
 *   <li>A {@code <!-- runnable -->} line before a block runs it; it fails the test if it throws. A
 *       runnable block that takes nothing given runs as it is (and starts its own sandbox if it
 *       needs one). For a runnable block with givens, the harness starts a fresh {@link
 *       OursSandbox} for that block alone and supplies each given from it:
 *       <ul>
 *         <li>{@code OursSandbox sandbox}: the sandbox itself;
 *         <li>{@code OursPrivacy ours}: a platform client on it ({@code sandbox.newClient()});
 *         <li>{@code OursIngest ingest}: a TEST-mode ingest client for a source created there;
 *         <li>{@code String sourceId}: that source's id; {@code String destinationId} and {@code
 *             Destination d}: a Mixpanel destination created there;
 *         <li>{@code String key}: the sandbox's API key; {@code RequestOptions opts}: empty
 *             options; {@code OkHttpClient sharedOkHttp}: a new OkHttp client; {@code Logger log}:
 *             an SLF4J logger.
 *       </ul>
 *       Any other given fails the test, naming it; the block stays compile-only then.
 * </ul>
 */
class DocsSnippetsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern BLOCK =
      Pattern.compile("((?:<!-- [^\\n]*-->\\n)*)```java\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Pattern GIVEN = Pattern.compile("<!-- given: ([^\\n]*?) -->");
  private static final Pattern DECLARATION =
      Pattern.compile(
          "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:public\\s+|final\\s+)*(?:class|record|interface|enum)\\s");

  @TempDir Path out;

  /** One snippet: where it is, its source, and whether to run it. */
  static final class Snippet {
    final String where;
    final String imports;
    final String body;
    final String given;
    final boolean runnable;

    Snippet(String where, String imports, String body, String given, boolean runnable) {
      this.where = where;
      this.imports = imports;
      this.body = body;
      this.given = given;
      this.runnable = runnable;
    }
  }

  static List<Snippet> snippets() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Snippet> all = new ArrayList<>();
    for (Path f : files) {
      String md = Files.readString(f, StandardCharsets.UTF_8);
      Matcher m = BLOCK.matcher(md);
      while (m.find()) {
        String markers = m.group(1);
        int line = (int) md.substring(0, m.start(2)).lines().count();
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String l : m.group(2).split("\n", -1)) {
          (l.startsWith("import ") ? imports : body).append(l).append('\n');
        }
        Matcher g = GIVEN.matcher(markers);
        all.add(
            new Snippet(
                ROOT.relativize(f) + ":" + line,
                imports.toString(),
                body.toString(),
                g.find() ? g.group(1) : "",
                markers.contains("<!-- runnable -->")));
      }
    }
    return all;
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockCompilesAndTheRunnableOnesRun() throws IOException {
    List<Snippet> all = snippets();
    assertThat(all).as("java blocks in README.md and docs/").hasSizeGreaterThan(10);
    assertThat(all.stream().filter(x -> x.runnable)).as("runnable blocks").hasSizeGreaterThan(10);
    return Stream.iterate(0, i -> i + 1)
        .limit(all.size())
        .map(i -> DynamicTest.dynamicTest(all.get(i).where, () -> check(all.get(i), i)));
  }

  @Test
  void aRunnableBlockThatThrowsFailsTheTest() {
    Snippet s = new Snippet("t.md:1", "", "throw new IllegalStateException(\"boom\");\n", "", true);
    assertThatThrownBy(() -> check(s, 900))
        .isInstanceOf(AssertionError.class)
        .hasMessage("t.md:1 failed when run")
        .cause()
        .hasMessage("boom");
  }

  @Test
  void aBlockThatLeavesACheckedExceptionUnhandledDoesNotCompile() {
    Snippet s = new Snippet("t.md:4", "", "Thread.sleep(1);\n", "", false);
    assertThatThrownBy(() -> check(s, 903))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("t.md:4 does not compile")
        .hasMessageContaining("InterruptedException");
  }

  @Test
  void aRunnableBlockWithAGivenTheHarnessCannotSupplyFailsNamingIt() {
    Snippet s =
        new Snippet(
            "t.md:2",
            "import com.oursprivacy.OursPrivacy;\nimport java.util.UUID;\n",
            "id.toString();\n",
            "OursPrivacy ours, UUID id",
            true);
    assertThatThrownBy(() -> check(s, 901))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "t.md:2 is runnable but the harness cannot supply the given 'UUID id'");
  }

  @Test
  void theHarnessSuppliesTheSandboxGivensFromOneFreshSandbox() throws Exception {
    Snippet s =
        new Snippet(
            "t.md:3",
            "import com.oursprivacy.OursPrivacy;\nimport com.oursprivacy.sandbox.OursSandbox;\n",
            "if (!ours.destinations().get(destinationId).getId().equals(destinationId)"
                + " || sandbox.ingest().events().size() != 0) throw new AssertionError(\"givens\");\n",
            "OursSandbox sandbox, OursPrivacy ours, String destinationId",
            true);
    check(s, 902);
  }

  private void check(Snippet s, int n) throws Exception {
    String name = "Snippet" + n;
    String source =
        DECLARATION.matcher(s.body.strip()).find()
            ? s.imports + "\n" + s.body
            : s.imports
                + "\npublic final class "
                + name
                + " {\n  public static void run("
                + s.given
                + ") {\n"
                + s.body
                + "\n  }\n}\n";
    Path dir = Files.createDirectories(out.resolve(name));
    Path file =
        dir.resolve(DECLARATION.matcher(s.body.strip()).find() ? "Unit.java" : name + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean ok =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                List.of(
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    dir.toString(),
                    "-proc:none",
                    "-implicit:none",
                    "-Xlint:none"),
                null,
                javac
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(file))
            .call();
    assertThat(ok)
        .as(
            "%s does not compile:%n%s%n--- as compiled:%n%s",
            s.where, diagnostics, numbered(source))
        .isTrue();
    if (s.runnable) {
      try (URLClassLoader loader =
          new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
        Method run =
            Stream.of(loader.loadClass(name).getMethods())
                .filter(m -> m.getName().equals("run"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(s.where + ": no run method"));
        if (s.given.isEmpty()) {
          invoke(s, run);
        } else {
          try (Givens givens = new Givens()) {
            invoke(s, run, givens.supply(s));
          }
        }
      }
    }
  }

  private static void invoke(Snippet s, Method run, Object... args) throws Exception {
    try {
      run.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(s.where + " failed when run", e.getCause());
    }
  }

  /** The values a runnable block's givens stand for, from a sandbox of its own. */
  private static final class Givens implements AutoCloseable {
    private final OursSandbox sandbox = OursSandbox.start();
    private final OursPrivacy ours = sandbox.newClient();
    private final String sourceId = sandbox.createSource("web");
    private final OursIngest ingest = sandbox.newIngest(sourceId, Mode.TEST);
    private final Destination destination =
        ours.destinations()
            .create(
                DestinationCreateParams.builder()
                    .name("Mixpanel")
                    .type(DestinationCreateType.MIXPANEL)
                    .settings(Map.of("projectToken", "0123abcd", "legacyKey", "old"))
                    .build());

    Object[] supply(Snippet s) {
      return Stream.of(s.given.split(","))
          .map(String::strip)
          .map(declaration -> value(s, declaration))
          .toArray();
    }

    private Object value(Snippet s, String declaration) {
      switch (declaration) {
        case "OursSandbox sandbox":
          return sandbox;
        case "OursPrivacy ours":
          return ours;
        case "OursIngest ingest":
          return ingest;
        case "String sourceId":
          return sourceId;
        case "String destinationId":
          return destination.getId();
        case "Destination d":
          return destination;
        case "String key":
          return sandbox.apiKey();
        case "RequestOptions opts":
          return RequestOptions.builder().build();
        case "OkHttpClient sharedOkHttp":
          return new OkHttpClient();
        case "Logger log":
          return LoggerFactory.getLogger(DocsSnippetsTest.class);
        default:
          throw new AssertionError(
              s.where
                  + " is runnable but the harness cannot supply the given '"
                  + declaration
                  + "' (see DocsSnippetsTest's Javadoc for those it can)");
      }
    }

    @Override
    public void close() {
      ingest.close();
      ours.close();
      sandbox.close();
    }
  }

  private static String numbered(String source) {
    String[] lines = source.split("\n", -1);
    return Stream.iterate(0, i -> i + 1)
        .limit(lines.length)
        .map(i -> String.format("%3d  %s", i + 1, lines[i]))
        .collect(Collectors.joining("\n"));
  }
}
