package dev.alize.consumer.sync;

import dev.alize.common.release.ReleaseFacts;
import dev.alize.consumer.config.Subscription;
import java.nio.file.Path;

/** Where a selected, verified release archive goes: the instance's database. */
public interface Importer {

  /**
   * Imports {@code archive}, whose length and hashes were verified against signed metadata.
   *
   * @throws ImportException when the release cannot be imported; nothing is changed then
   */
  void importRelease(Subscription repository, ReleaseFacts release, Path archive);
}
