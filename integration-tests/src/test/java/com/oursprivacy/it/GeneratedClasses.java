package com.oursprivacy.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Lists the top-level classes of a generated package, from a directory or a jar. */
final class GeneratedClasses {
  private GeneratedClasses() {}

  static List<Class<?>> in(String pkg) {
    String dir = pkg.replace('.', '/');
    List<Class<?>> out = new ArrayList<>();
    try {
      Enumeration<URL> urls = GeneratedClasses.class.getClassLoader().getResources(dir);
      for (URL url : Collections.list(urls)) {
        List<String> names = new ArrayList<>();
        if ("jar".equals(url.getProtocol())) {
          JarURLConnection c = (JarURLConnection) url.openConnection();
          c.setUseCaches(false);
          try (JarFile jar = c.getJarFile()) {
            for (JarEntry e : Collections.list(jar.entries())) {
              String n = e.getName();
              if (n.startsWith(dir + "/")
                  && n.endsWith(".class")
                  && n.indexOf('/', dir.length() + 1) < 0) {
                names.add(n.substring(dir.length() + 1));
              }
            }
          }
        } else {
          try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            files
                .map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".class"))
                .forEach(names::add);
          }
        }
        for (String n : names) {
          if (!n.contains("$")
              && !n.equals("package-info.class")) { // classes only, not the @NullMarked package
            out.add(Class.forName(pkg + "." + n.substring(0, n.length() - ".class".length())));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
