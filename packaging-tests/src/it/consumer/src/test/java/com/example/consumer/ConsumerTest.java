package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oursprivacy.OursPrivacy;
import com.oursprivacy.ingest.Event;
import com.oursprivacy.ingest.Mode;
import com.oursprivacy.ingest.OursIngest;
import com.oursprivacy.internal.UserAgent;
import com.oursprivacy.models.Destination;
import com.oursprivacy.sandbox.OursSandbox;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Runs the SDK as a user gets it: jars from the fresh local repository, Java 11 bytecode. */
class ConsumerTest {
  @Test
  void platformAndIngestClientsWorkAgainstTheSandbox() {
    try (OursSandbox sandbox = OursSandbox.start(); OursPrivacy ours = sandbox.newClient()) {
      int n = 0;
      for (Destination d : ours.destinations().list()) {
        n++;
      }
      assertEquals(0, n, "a fresh sandbox has no destinations");

      String source = sandbox.createSource("web");
      try (OursIngest ingest = sandbox.newIngest(source, Mode.TEST)) {
        ingest.track(Event.named("Purchase").userId("u1"));
      }
      assertEquals(1, sandbox.ingest().testEvents().size());
    }
  }

  @Test
  void jarsComeFromTheFreshRepositoryWithModuleNames() throws Exception {
    Path repo = Paths.get(System.getProperty("ours.freshRepo")).toRealPath();
    assertModule(OursPrivacy.class, repo, "ours-privacy-java", "com.oursprivacy");
    assertModule(Destination.class, repo, "ours-generated-client", "com.oursprivacy.generated");
    assertModule(OursSandbox.class, repo, "ours-privacy-sandbox", "com.oursprivacy.sandbox");
  }

  @Test
  void runsOnTheExpectedJdkWithTheSdkVersionAndKotlinTheTestsUse() {
    assertEquals(System.getProperty("ours.expectedJavaFeature"), System.getProperty("java.specification.version"));
    assertEquals(System.getProperty("ours.expectedSdkVersion"), UserAgent.SDK_VERSION);
    assertTrue(UserAgent.VALUE.startsWith("ours-privacy-java/" + UserAgent.SDK_VERSION + " (Java "), UserAgent.VALUE);
    assertEquals(System.getProperty("ours.expectedKotlinVersion"), kotlin.KotlinVersion.CURRENT.toString());
  }

  private static void assertModule(Class<?> type, Path repo, String artifactId, String moduleName)
      throws IOException, URISyntaxException {
    Path jar = Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toRealPath();
    assertTrue(jar.startsWith(repo), type + " loaded from " + jar + ", not from " + repo);
    assertTrue(jar.getFileName().toString().startsWith(artifactId + "-"), jar.toString());
    try (JarFile f = new JarFile(jar.toFile())) {
      assertEquals(moduleName, f.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
    }
  }
}
