package com.oursprivacy.ingest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Every file operation of the {@link Spool} that can fail for lack of space, and its clock: the
 * seam through which tests simulate a full or broken disk (a subclass that fails on demand) and a
 * back-off that passes without waiting. The default is the real file system and {@link
 * System#nanoTime()}. Files are created owner-only ({@code 0600}, directories {@code 0700}) where
 * the file system has POSIX permissions: spooled events hold personal data.
 */
class SpoolDisk {
  static final SpoolDisk REAL = new SpoolDisk();

  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  /** Opens {@code file}; a file it creates is readable by its owner only. */
  FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
    return posix(file.getFileSystem())
        ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE))
        : FileChannel.open(file, options);
  }

  /** Creates {@code dir} (owner-only) if missing; narrows an existing one to its owner. */
  void createDirectory(Path dir) throws IOException {
    if (!posix(dir.getFileSystem())) {
      Files.createDirectories(dir);
      return;
    }
    FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(DIR);
    Files.createDirectories(dir, ownerOnly);
    if (!Files.getPosixFilePermissions(dir).equals(DIR)) {
      Files.setPosixFilePermissions(dir, DIR);
    }
  }

  /** Makes an existing file owner-only (a spool written by an older version was 0644). */
  void ownerOnly(Path file) throws IOException {
    if (posix(file.getFileSystem()) && !Files.getPosixFilePermissions(file).equals(FILE)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  /** Renames {@code from} to {@code to} atomically. */
  void move(Path from, Path to) throws IOException {
    Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes {@code file} if it exists. */
  void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }

  /**
   * Truncates, then deletes a segment: its blocks and cached pages are freed at once even if a
   * dropped mapping of it still waits for the garbage collector.
   */
  void discard(Path segment) throws IOException {
    try (FileChannel ch = FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(0);
    } catch (java.nio.file.NoSuchFileException gone) {
      return;
    }
    Files.deleteIfExists(segment);
  }

  /** The clock of the spool's back-off after a failed preparation. */
  long nanoTime() {
    return System.nanoTime();
  }

  private static boolean posix(FileSystem fs) {
    return fs.supportedFileAttributeViews().contains("posix");
  }
}
