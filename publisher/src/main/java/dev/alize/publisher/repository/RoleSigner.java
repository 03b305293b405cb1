package dev.alize.publisher.repository;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.RoleKeys;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.publisher.keys.KeyDirectory;
import java.util.List;

/** Signs a role's metadata with the keys root authorises for it, refusing fewer than needed. */
final class RoleSigner {

  private final KeyDirectory keys;

  RoleSigner(KeyDirectory keys) {
    this.keys = keys;
  }

  byte[] sign(RootMetadata root, String role, ObjectNode signed) {
    return Metadata.sign(signed, keysFor(root, role));
  }

  /** The keys of {@code role} here, refusing fewer than its threshold. */
  List<Ed25519SigningKey> keysFor(RootMetadata root, String role) {
    RoleKeys roleKeys = root.role(role);
    List<Ed25519SigningKey> available = keys.loadAvailable(role, roleKeys.keyIds());
    if (available.size() < roleKeys.threshold()) {
      throw new PublishException(
          "role "
              + role
              + " needs "
              + roleKeys.threshold()
              + " signature(s) but "
              + keys.path().resolve(role)
              + " holds "
              + available.size()
              + " of its keys"
              + (role.equals("root") ? " (bring the offline root key for this operation)" : ""));
    }
    return available;
  }
}
