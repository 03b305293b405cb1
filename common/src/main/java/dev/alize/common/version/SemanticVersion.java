package dev.alize.common.version;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release version, {@code MAJOR.MINOR.PATCH} with an optional {@code +build}. The build is kept
 * for people and ignored for ordering, as Semantic Versioning 2.0.0 says.
 *
 * @param build null when absent
 */
public record SemanticVersion(long major, long minor, long patch, String build)
    implements Comparable<SemanticVersion> {

  private static final Pattern FORM =
      Pattern.compile(
          "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})"
              + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

  public SemanticVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers are never negative");
    }
  }

  /** Parses {@code text}, or empty when it is not of the form {@code 1.2.3} or {@code 1.2.3+b}. */
  public static Optional<SemanticVersion> find(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new SemanticVersion(
            Long.parseLong(m.group(1)),
            Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)),
            m.group(4)));
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static SemanticVersion parse(String text) {
    return find(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + text + "' is not a version: write MAJOR.MINOR.PATCH, as 2.9.0"));
  }

  /** The bump from {@code previous} to this version; NONE when this is not above it. */
  public Bump bumpFrom(SemanticVersion previous) {
    if (compareTo(previous) <= 0) {
      return Bump.NONE;
    }
    if (major != previous.major) {
      return Bump.MAJOR;
    }
    return minor != previous.minor ? Bump.MINOR : Bump.PATCH;
  }

  /** The smallest version after this one that carries {@code bump}. */
  public SemanticVersion next(Bump bump) {
    return switch (bump) {
      case MAJOR -> new SemanticVersion(major + 1, 0, 0, null);
      case MINOR -> new SemanticVersion(major, minor + 1, 0, null);
      case PATCH, NONE -> new SemanticVersion(major, minor, patch + 1, null);
    };
  }

  @Override
  public int compareTo(SemanticVersion o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    return c != 0 ? c : Long.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (build == null ? "" : "+" + build);
  }
}
