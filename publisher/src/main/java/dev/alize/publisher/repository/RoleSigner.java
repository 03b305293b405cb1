package dev.alize.publisher.repository;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.crypto.Ed25519SigningKey;
import dev.alize.common.tuf.Metadata;
import dev.alize.common.tuf.RoleKeys;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.publisher.keys.KeyDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Signs a role's metadata with the keys root authorises for it, refusing fewer than needed. */
final class RoleSigner {

  private final KeyDirectory keys;
  private final Map<String, List<Ed25519SigningKey>> incoming;

  RoleSigner(KeyDirectory keys) {
    this(keys, Map.of());
  }

  private RoleSigner(KeyDirectory keys, Map<String, List<Ed25519SigningKey>> incoming) {
    this.keys = keys;
    this.incoming = incoming;
  }

  /**
   * A signer that signs {@code role} with {@code next} too, the keys a root not yet published will
   * list: metadata so signed verifies under the current root and under the next one.
   */
  RoleSigner alsoWith(String role, List<Ed25519SigningKey> next) {
    return new RoleSigner(keys, Map.of(role, List.copyOf(next)));
  }

  byte[] sign(RootMetadata root, String role, ObjectNode signed) {
    List<Ed25519SigningKey> signing = new ArrayList<>(keysFor(root, role));
    signing.addAll(incoming.getOrDefault(role, List.of()));
    return Metadata.sign(signed, signing);
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
