package dev.alize.common.tuf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A root rotation that a client followed: the root version before and after, and the top-level
 * roles whose keys or threshold changed in between.
 *
 * @param changedRoles in alphabetical order; empty when only the version (or the expiry) changed
 */
public record RootRotation(long fromVersion, long toVersion, List<String> changedRoles) {

  public RootRotation {
    if (toVersion <= fromVersion) {
      throw new IllegalArgumentException(
          "a rotation goes to a newer version, not " + fromVersion + " to " + toVersion);
    }
    changedRoles = List.copyOf(changedRoles);
  }

  /** The rotation from {@code before} to {@code after}, or empty when the version is the same. */
  public static Optional<RootRotation> between(RootMetadata before, RootMetadata after) {
    if (after.version() <= before.version()) {
      return Optional.empty();
    }
    List<String> changed = new ArrayList<>();
    for (String role : new TreeSet<>(RootMetadata.TOP_LEVEL_ROLES)) {
      RoleKeys was = before.roles().get(role);
      RoleKeys is = after.roles().get(role);
      if (!sameKeys(was, is)) {
        changed.add(role);
      }
    }
    return Optional.of(new RootRotation(before.version(), after.version(), changed));
  }

  private static boolean sameKeys(RoleKeys a, RoleKeys b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.threshold() == b.threshold()
        && Objects.equals(new TreeSet<>(a.keyIds()), new TreeSet<>(b.keyIds()));
  }

  /** As {@code root 1 -> 2, new keys for targets, timestamp}. */
  public String describe() {
    return "root "
        + fromVersion
        + " -> "
        + toVersion
        + (changedRoles.isEmpty()
            ? ", the same keys"
            : ", new keys for " + String.join(", ", changedRoles));
  }
}
