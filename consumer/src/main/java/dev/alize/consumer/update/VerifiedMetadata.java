package dev.alize.consumer.update;

import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.TrustedMetadataSet;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last complete refresh of each store from each mirror verified, kept in memory so that
 * the next refresh need not verify every stored file again: the trusted set, every target it
 * vouches for, and the fingerprint of the files it was verified from. An {@link Updater} reuses it
 * only while those files are unchanged, nothing in it has expired, and the mirror has no new
 * timestamp and, asked once a day, no newer root. Kept once every target was searched, so that no
 * role is loaded later into a set being reused.
 */
public final class VerifiedMetadata {

  /**
   * A complete refresh: what it verified, from which files, and when the mirror last answered that
   * there is no newer root ({@link Instant#MIN} when it did not: the rotation limit ended the
   * refresh's root update).
   */
  record Entry(
      StoreFingerprint files,
      TrustedMetadataSet trusted,
      List<TargetFile> targets,
      Instant rootChecked) {

    Entry withRootChecked(Instant at) {
      return new Entry(files, trusted, targets, at);
    }
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** The entry verified from exactly {@code files}. */
  Optional<Entry> find(MetadataStore store, URI metadataBase, StoreFingerprint files) {
    return Optional.ofNullable(entries.get(key(store, metadataBase)))
        .filter(e -> e.files().equals(files));
  }

  void keep(MetadataStore store, URI metadataBase, Entry entry) {
    entries.put(key(store, metadataBase), entry);
  }

  private static String key(MetadataStore store, URI metadataBase) {
    return store.dir() + " " + metadataBase;
  }
}
