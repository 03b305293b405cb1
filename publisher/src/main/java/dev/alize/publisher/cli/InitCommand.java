package dev.alize.publisher.cli;

import dev.alize.publisher.repository.RepositoryInitializer;
import dev.alize.publisher.repository.RepositorySettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code init}: keys for the four roles and a first signed, empty repository. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create keys for root, targets, snapshot and timestamp, and a first signed repository.",
      "Move the root key offline afterwards: only key rotation needs it."
    })
final class InitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin RepositoryOptions options;

  @Option(
      names = "--threshold",
      paramLabel = "ROLE=N",
      description = "Make N keys for ROLE and require all of them (default 1 per role).")
  Map<String, Integer> thresholds = Map.of();

  @Option(names = "--root-expiry", paramLabel = "PERIOD", description = "Default: 365d.")
  String rootExpiry = "365d";

  @Option(names = "--targets-expiry", paramLabel = "PERIOD", description = "Default: 90d.")
  String targetsExpiry = "90d";

  @Option(names = "--snapshot-expiry", paramLabel = "PERIOD", description = "Default: 7d.")
  String snapshotExpiry = "7d";

  @Option(names = "--timestamp-expiry", paramLabel = "PERIOD", description = "Default: 1d.")
  String timestampExpiry = "1d";

  @Override
  public Integer call() {
    RepositorySettings settings =
        RepositorySettings.DEFAULT
            .with("root", RepositorySettings.parsePeriod(rootExpiry))
            .with("targets", RepositorySettings.parsePeriod(targetsExpiry))
            .with("snapshot", RepositorySettings.parsePeriod(snapshotExpiry))
            .with("timestamp", RepositorySettings.parsePeriod(timestampExpiry));
    options.progress("initialising " + options.repo);
    Map<String, List<String>> ids =
        RepositoryInitializer.init(
            options.repo,
            options.keyDirectory(),
            settings,
            thresholds,
            options.actor(),
            Clock.systemUTC());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("initialised repository %s with keys in %s%n", options.repo, options.keys);
    ids.forEach((role, list) -> out.printf("  %-9s %s%n", role, String.join(", ", list)));
    out.printf(
        "trust anchor for consumers: %s%n",
        options.repo.resolve("metadata").resolve("1.root.json"));
    out.flush();
    return 0;
  }
}
