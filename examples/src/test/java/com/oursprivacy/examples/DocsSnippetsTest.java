package com.oursprivacy.examples;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs as code: every {@code ```java} block of README.md and docs/*.md compiles, and the blocks
 * marked runnable run (against the embedded sandbox they start themselves).
 *
 * <p>The rules a block follows (CONTRIBUTING.md, "Conventions"):
 *
 * <ul>
 *   <li>It shows its imports ({@code import …;} lines at its top). Nothing else is imported.
 *   <li>A block that starts with a declaration ({@code class}, {@code @Annotation class}) is a
 *       compilation unit; any other block is the body of a method that may throw.
 *   <li>A {@code <!-- given: Type name, Type name -->} line before a block names the variables it
 *       uses without creating them (e.g. an {@code OursPrivacy ours} built earlier on the page);
 *       their types must be imported by the block.
 *   <li>A {@code <!-- runnable -->} line before a block runs it; a runnable block takes nothing as
 *       given.
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
    assertThat(all.stream().filter(x -> x.runnable)).as("runnable blocks").isNotEmpty();
    return Stream.iterate(0, i -> i + 1)
        .limit(all.size())
        .map(i -> DynamicTest.dynamicTest(all.get(i).where, () -> check(all.get(i), i)));
  }

  private void check(Snippet s, int n) throws Exception {
    assertThat(s.runnable && !s.given.isEmpty())
        .as("a runnable block takes nothing given")
        .isFalse();
    String name = "Snippet" + n;
    String source =
        DECLARATION.matcher(s.body.strip()).find()
            ? s.imports + "\n" + s.body
            : s.imports
                + "\npublic final class "
                + name
                + " {\n  public static void run("
                + s.given
                + ") throws Exception {\n"
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
        Method run = loader.loadClass(name).getMethod("run");
        try {
          run.invoke(null);
        } catch (InvocationTargetException e) {
          throw new AssertionError(s.where + " failed when run", e.getCause());
        }
      }
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
