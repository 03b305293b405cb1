package dev.alize.consumer.console;

import dev.alize.common.verify.RepositoryException;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.fetch.DownloadException;
import dev.alize.consumer.importer.ImportException;
import dev.alize.consumer.importer.ImportResult;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * A held release and what importing it would do: the models added, changed, removed and withdrawn,
 * and the conflicts it would raise or leave open.
 *
 * @param preview null when it could not be made
 * @param previewError why the preview could not be made (no mirror served the release, the
 *     repository is no longer configured); null when it was
 */
public record HeldPreview(Holds.Row held, ImportResult preview, String previewError) {

  /**
   * The preview {@code importing} makes of {@code held}. A repository out of reach does not keep an
   * admin from the release's page: it is shown with the reason, and can still be approved or not.
   */
  static HeldPreview of(Holds.Row held, Supplier<ImportResult> importing) {
    try {
      return new HeldPreview(held, importing.get(), null);
    } catch (ImportException
        | RepositoryException
        | DownloadException
        | ConfigurationException
        | UncheckedIOException e) {
      return new HeldPreview(held, null, e.getMessage());
    }
  }
}
