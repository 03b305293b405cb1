package dev.alize.common.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RootRotationTest {

  private static RootMetadata root(long version, Map<String, RoleKeys> roles) {
    return new RootMetadata(
        null, version, Instant.parse("2031-01-01T00:00:00Z"), false, Map.of(), roles);
  }

  private static Map<String, RoleKeys> roles(RoleKeys targets, RoleKeys timestamp) {
    return Map.of(
        "root",
        new RoleKeys(List.of("r1", "r2"), 1),
        "targets",
        targets,
        "snapshot",
        new RoleKeys(List.of("s1"), 1),
        "timestamp",
        timestamp);
  }

  @Test
  void namesTheRolesWhoseKeysOrThresholdChanged() {
    RoleKeys targets = new RoleKeys(List.of("t1", "t2"), 1);
    RoleKeys timestamp = new RoleKeys(List.of("ts1"), 1);
    RootMetadata v1 = root(1, roles(targets, timestamp));

    assertEquals(Optional.empty(), RootRotation.between(v1, v1));
    RootRotation same =
        RootRotation.between(v1, root(2, roles(new RoleKeys(List.of("t2", "t1"), 1), timestamp)))
            .orElseThrow();
    assertEquals(List.of(), same.changedRoles(), "the same keys in another order");
    assertEquals("root 1 -> 2, the same keys", same.describe());

    RootRotation rotated =
        RootRotation.between(
                v1,
                root(
                    4,
                    roles(new RoleKeys(List.of("t1", "t2"), 2), new RoleKeys(List.of("ts2"), 1))))
            .orElseThrow();
    assertEquals(new RootRotation(1, 4, List.of("targets", "timestamp")), rotated);
    assertEquals("root 1 -> 4, new keys for targets, timestamp", rotated.describe());
  }

  @Test
  void refusesARotationThatDoesNotGoForward() {
    assertThrows(IllegalArgumentException.class, () -> new RootRotation(2, 2, List.of()));
  }
}
