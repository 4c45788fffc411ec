package com.oursprivacy.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a main class of this module in a fresh JVM on the same classpath and collects the {@code
 * RESULT key value} lines it prints; everything else it prints is dropped (stderr goes to the
 * parent's stderr).
 */
final class Child {
  /** The values a child printed, and its wall time from spawn to exit. */
  static final class Outcome {
    final Map<String, String> values;
    final double wallMs;

    Outcome(Map<String, String> values, double wallMs) {
      this.values = values;
      this.wallMs = wallMs;
    }

    double number(String key) {
      String v = values.get(key);
      if (v == null) {
        throw new IllegalStateException("child printed no " + key + ": " + values);
      }
      return Double.parseDouble(v.split(" ", -1)[0]);
    }
  }

  private Child() {}

  static Outcome run(List<String> jvmArgs, Class<?> main, String... args)
      throws IOException, InterruptedException {
    return run(jvmArgs, System.getProperty("java.class.path"), main, args);
  }

  /** The same on another classpath (an older build of the SDK, say). */
  static Outcome run(List<String> jvmArgs, String classpath, Class<?> main, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Map<String, String> values = new LinkedHashMap<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("RESULT ")) {
          String[] kv = line.substring(7).split(" ", 2);
          values.put(kv[0], kv[1]);
        }
      }
    }
    int exit = p.waitFor();
    double wallMs = (System.nanoTime() - t0) / 1e6;
    if (exit != 0) {
      throw new IllegalStateException(
          main.getSimpleName() + " " + String.join(" ", args) + " exited with " + exit);
    }
    return new Outcome(values, wallMs);
  }
}
