package dev.alize.common.tuf;

import java.util.List;

/** The keys allowed to sign a role and how many of them must. */
public record RoleKeys(List<String> keyIds, int threshold) {
  public RoleKeys {
    keyIds = List.copyOf(keyIds);
  }
}
