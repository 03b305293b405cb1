package dev.alize.consumer.cli;

import dev.alize.common.tuf.TargetFile;
import dev.alize.common.verify.MetadataLimits;
import dev.alize.common.verify.RepositoryException;
import dev.alize.consumer.fetch.DownloadException;
import dev.alize.consumer.fetch.FetcherSettings;
import dev.alize.consumer.fetch.HttpFetcher;
import dev.alize.consumer.update.EtagStore;
import dev.alize.consumer.update.MetadataStore;
import dev.alize.consumer.update.TargetCache;
import dev.alize.consumer.update.Updater;
import dev.alize.consumer.update.VerifiedMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The client-under-test protocol of the TUF conformance suite (tuf-conformance, CLIENT-CLI.md), on
 * the consumer's own updater: {@code init}, {@code refresh} and {@code download}. It starts no
 * framework, no database and no scheduler, since the suite starts it hundreds of times.
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "The TUF conformance suite's client protocol: init TRUSTED_ROOT, refresh, download.",
      "Exits 0 when the action fully succeeded, 1 otherwise."
    })
final class ConformanceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--metadata-dir",
      required = true,
      paramLabel = "DIR",
      description = "The client's trusted metadata folder.")
  Path metadataDir;

  @Option(
      names = "--metadata-url",
      paramLabel = "URL",
      description = "The repository's metadata URL (refresh, download).")
  URI metadataUrl;

  @Option(
      names = "--target-name",
      paramLabel = "PATH",
      description = "A target to download; repeatable (download).")
  List<String> targetNames = List.of();

  @Option(
      names = "--target-base-url",
      paramLabel = "URL",
      description = "The repository's targets URL (download).")
  URI targetBaseUrl;

  @Option(
      names = "--target-dir",
      paramLabel = "DIR",
      description = "Where downloaded targets are written (download).")
  Path targetDir;

  @Parameters(index = "0", paramLabel = "ACTION", description = "init, refresh or download.")
  String action;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "TRUSTED_ROOT",
      description = "The root metadata to trust first (init).")
  Path trustedRoot;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      return switch (action) {
        case "init" -> init();
        case "refresh" -> {
          updater().refresh();
          yield 0;
        }
        case "download" -> download(err);
        default -> {
          err.println("unknown action '" + action + "': use init, refresh or download");
          yield 1;
        }
      };
    } catch (RepositoryException
        | DownloadException
        | IllegalStateException
        | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } finally {
      err.flush();
    }
  }

  private int init() {
    if (trustedRoot == null) {
      throw new IllegalStateException("init needs the TRUSTED_ROOT file");
    }
    try {
      new MetadataStore(metadataDir).write("root", Files.readAllBytes(trustedRoot));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + trustedRoot, e);
    }
    return 0;
  }

  private int download(PrintWriter err) {
    if (targetDir == null || targetBaseUrl == null || targetNames.isEmpty()) {
      throw new IllegalStateException(
          "download needs --target-name, --target-base-url and --target-dir");
    }
    Updater updater = updater();
    updater.refresh();
    int failed = 0;
    for (String name : targetNames) {
      Optional<TargetFile> target = updater.findTarget(name);
      if (target.isEmpty()) {
        err.println("error: no target " + name);
        failed++;
        continue;
      }
      updater.download(target.get());
    }
    return failed == 0 ? 0 : 1;
  }

  private Updater updater() {
    if (metadataUrl == null) {
      throw new IllegalStateException(action + " needs --metadata-url");
    }
    return new Updater(
        metadataUrl,
        targetBaseUrl,
        new MetadataStore(metadataDir),
        new TargetCache(targetDir == null ? metadataDir.resolveSibling("targets") : targetDir),
        new HttpFetcher(
            FetcherSettings.DEFAULT,
            PlainHttpOnly.all(metadataUrl, targetBaseUrl) ? PlainHttpOnly.context() : null),
        Clock.systemUTC(),
        MetadataLimits.DEFAULT,
        EtagStore.NONE,
        // One refresh per run: nothing to keep for another.
        new VerifiedMetadata());
  }
}
