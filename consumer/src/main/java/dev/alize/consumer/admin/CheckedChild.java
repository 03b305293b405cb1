package dev.alize.consumer.admin;

import dev.alize.common.conflict.ChildModel;
import dev.alize.consumer.store.ChildModelStore;
import dev.alize.consumer.store.StoredChild;
import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/**
 * A child model checked outside any lock, with what the check rested on: the version of its
 * datasource then, and the stored child model it replaces (null for a new one).
 */
record CheckedChild(
    ChildModel child, String description, String version, @Nullable StoredChild old) {

  String datasource() {
    return child.parent().datasource();
  }

  /** Whether the check still holds: neither an import nor another admin changed its ground. */
  boolean isCurrent(String currentVersion, ChildModelStore children) {
    return version.equals(currentVersion)
        && (old == null || children.find(old.id()).equals(Optional.of(old)));
  }
}
