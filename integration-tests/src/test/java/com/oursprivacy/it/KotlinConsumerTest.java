package com.oursprivacy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jetbrains.kotlin.cli.common.ExitCode;
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kotlin sees the SDK's nullness: every public package is JSpecify {@code @NullMarked}, so the
 * Kotlin compiler (the version the SDK's stdlib is at, JSpecify checks strict) refuses a {@code
 * null} where the SDK does not accept one and requires a safe call on what may be null. Without the
 * annotation the same calls compile (Kotlin sees platform types), so the failing compilations below
 * prove the annotations are there: on the generated facade ({@code resources}), the hand-written
 * client and the sandbox.
 */
class KotlinConsumerTest {
  @TempDir Path dir;

  private static final String IMPORTS =
      "import com.oursprivacy.OursPrivacy\n"
          + "import com.oursprivacy.resources.DestinationCreateParams\n"
          + "import com.oursprivacy.resources.DestinationListParams\n"
          + "import com.oursprivacy.resources.DestinationService\n"
          + "import com.oursprivacy.sandbox.OursSandbox\n";

  /** The compiler's exit code and what it printed. */
  private static final class Result {
    private final ExitCode code;
    private final String output;

    Result(ExitCode code, String output) {
      this.code = code;
      this.output = output;
    }

    ExitCode code() {
      return code;
    }

    String output() {
      return output;
    }
  }

  private Result compile(String body) throws IOException {
    Path source = dir.resolve("Consumer.kt");
    Files.writeString(source, IMPORTS + body, StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExitCode code;
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      code =
          new K2JVMCompiler()
              .exec(
                  print,
                  "-no-stdlib",
                  "-no-reflect",
                  "-Xjspecify-annotations=strict",
                  "-jvm-target",
                  "11",
                  "-classpath",
                  System.getProperty(
                      "surefire.test.class.path", System.getProperty("java.class.path")),
                  "-d",
                  dir.resolve("classes").toString(),
                  source.toString());
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aKotlinConsumerCompilesAgainstTheFacadeWithNonNullTypes() throws IOException {
    Result r =
        compile(
            "fun names(ours: OursPrivacy): List<String> {\n"
                + "  val service: DestinationService = ours.destinations()\n"
                + "  val params = DestinationListParams.builder()\n"
                + "      .status(DestinationListParams.Status.ENABLED)\n"
                + "      .build()\n"
                + "  val status: String = params.status() ?: \"any\"\n"
                + "  return service.list(params).firstPage().items().map { it.id + status }\n"
                + "}\n"
                + "fun sandboxUrl(sandbox: OursSandbox): String = sandbox.baseUrl()\n");
    assertThat(r.code()).as(r.output()).isEqualTo(ExitCode.OK);
  }

  /** Where the SDK does not accept null, or may return it: the call and the error expected. */
  private static final String[][] MISUSES = {
    {"generated service", "ours.destinations().get(null)", "null cannot be a value of a non-null"},
    {
      "generated params builder",
      "DestinationCreateParams.builder().name(null)",
      "null cannot be a value of a non-null"
    },
    {
      "hand-written client",
      "OursPrivacy.builder().baseUrl(null)",
      "null cannot be a value of a non-null"
    },
    {"sandbox", "sandbox.createSource(null)", "null cannot be a value of a non-null"},
    {
      "nullable query getter",
      "DestinationListParams.none().status().length",
      "only safe (?.) or non-null asserted (!!.) calls are allowed"
    }
  };

  @Test
  void kotlinRefusesWhatTheSdkDoesNotAccept() throws IOException {
    // one compilation (a compiler start costs seconds): misuse i is alone on line FIRST_LINE + i
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < MISUSES.length; i++) {
      body.append("fun misuse")
          .append(i)
          .append("(ours: OursPrivacy, sandbox: OursSandbox): Any = ")
          .append(MISUSES[i][1])
          .append('\n');
    }
    Result r = compile(body.toString());
    assertThat(r.code()).as(r.output()).isEqualTo(ExitCode.COMPILATION_ERROR);
    int firstLine = IMPORTS.split("\n", -1).length;
    for (int i = 0; i < MISUSES.length; i++) {
      String line = "Consumer.kt:" + (firstLine + i) + ":";
      String error = MISUSES[i][2];
      assertThat(r.output().lines().filter(l -> l.contains(line)))
          .as(MISUSES[i][0] + " (" + MISUSES[i][1] + "): " + r.output())
          .anyMatch(l -> l.contains("error:") && l.toLowerCase(Locale.ROOT).contains(error));
    }
  }
}
