package com.oursprivacy.benchmarks;

import com.openai.client.OpenAIClient;
import java.lang.management.ManagementFactory;

/**
 * One cold {@code get} in a fresh JVM: {@code ColdStart wrapper|raw|openai BASE_URL}. Builds the
 * client, fetches one destination (openai-java: one file), prints how long that took from {@code
 * main} and from JVM start, and exits. The parent times the whole process as well.
 */
public final class ColdStart {
  private ColdStart() {}

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    String base = args[1];
    String id;
    switch (args[0]) {
      case "wrapper":
        id = Clients.wrapper(base).destinations().get("dst_000001").getId();
        break;
      case "raw":
        id = Clients.raw(base).get("dst_000001").getId();
        break;
      case "openai":
        OpenAIClient client = Clients.openAi(base);
        id = client.files().retrieve("file-000001").id();
        break;
      default:
        throw new IllegalArgumentException(args[0]);
    }
    long mainMs = (System.nanoTime() - t0) / 1_000_000;
    long sinceJvmStart =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println("RESULT cold.mainMs " + mainMs + " " + id);
    System.out.println("RESULT cold.sinceJvmStartMs " + sinceJvmStart);
    System.out.flush();
    System.exit(0); // do not wait for any client's pool threads: every mode exits the same way
  }
}
