package dev.alize.publisher.repository;

import dev.alize.common.tuf.RoleExpiry;
import dev.alize.common.tuf.RoleKeys;
import dev.alize.common.tuf.RootMetadata;
import dev.alize.common.tuf.Signed;
import dev.alize.publisher.keys.KeyDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The metadata of a repository that can expire without a human having a say: root always, since its
 * key is offline; timestamp, snapshot and targets when the key folder holds fewer of their keys
 * than their threshold, so that the re-sign job ({@link RepositoryEditor#refresh}) cannot renew
 * them. Keys are counted, never read: asking needs no passphrase.
 */
public final class HumanRenewals {

  private final RepositoryLayout layout;
  private final KeyDirectory keys;

  public HumanRenewals(Path repository, KeyDirectory keys) {
    this.layout = new RepositoryLayout(repository);
    this.keys = keys;
  }

  /**
   * The newest root, which consumers start from.
   *
   * @throws PublishException when the repository cannot be read
   */
  public HumanRenewal root() {
    return root(RepositoryState.load(layout).root().signed());
  }

  /**
   * Every role that only a maintainer can renew, root first.
   *
   * @throws PublishException when the repository cannot be read
   */
  public List<HumanRenewal> all() {
    RepositoryState s = RepositoryState.load(layout);
    RootMetadata root = s.root().signed();
    List<HumanRenewal> out = new ArrayList<>();
    out.add(root(root));
    online(out, root, s.targets().signed(), s.targets().signed().version() + ".targets.json");
    online(out, root, s.snapshot().signed(), s.snapshot().signed().version() + ".snapshot.json");
    online(out, root, s.timestamp().signed(), "timestamp.json");
    return out;
  }

  private HumanRenewal root(RootMetadata root) {
    return new HumanRenewal(
        expiry(root, root.version() + ".root.json"),
        "the root key is kept offline",
        "bring the offline root key and run 'publisher rotate-key root --repo "
            + layout.root()
            + " --keys "
            + keys.path()
            + "' (the root key ceremony of keys/README.md)");
  }

  private void online(List<HumanRenewal> out, RootMetadata root, Signed signed, String name) {
    String role = signed.type();
    RoleKeys needed = root.role(role);
    int present = keys.countPresent(role, needed.keyIds());
    if (present >= needed.threshold()) {
      return;
    }
    Path folder = keys.path().resolve(role);
    out.add(
        new HumanRenewal(
            expiry(signed, name),
            folder
                + " holds "
                + present
                + " of the "
                + needed.threshold()
                + " key(s) it needs, so the re-sign job cannot renew it",
            "copy its key into "
                + folder
                + ", or run 'publisher refresh --repo "
                + layout.root()
                + " --keys DIR' where DIR holds it"));
  }

  private RoleExpiry expiry(Signed signed, String name) {
    return RoleExpiry.of(layout.metadataFile(name).toString(), signed);
  }
}
