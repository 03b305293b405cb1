package dev.alize.publisher.cli;

import dev.alize.common.datasource.DirectorySourceTree;
import dev.alize.common.release.ChangeSummary;
import dev.alize.common.release.Channel;
import dev.alize.common.release.Classification;
import dev.alize.common.version.SemanticVersion;
import dev.alize.publisher.repository.PublishException;
import dev.alize.publisher.repository.ReleaseRequest;
import dev.alize.publisher.repository.ReleaseResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code release DIR --version X.Y.Z}: validate, archive, sign and publish a datasource. */
@Command(
    name = "release",
    description = {
      "Validate a datasource, archive it and publish it as a signed target.",
      "The version must be above the datasource's last release and carry the bump its changes"
          + " imply (a removal needs a MAJOR version), unless --force-version says why."
    })
final class ReleaseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin RepositoryOptions options;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Parameters(paramLabel = "DATASOURCE_DIR", description = "The datasource to release.")
  Path directory;

  @Option(
      names = "--version",
      required = true,
      paramLabel = "X.Y.Z",
      description = "The release's version, above the datasource's last one.")
  String version;

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      description = "testing, staged or stable (default: ${DEFAULT-VALUE}).")
  String channel = "testing";

  @Option(
      names = "--classification",
      paramLabel = "KIND",
      description = "standard, emergency or major (default: ${DEFAULT-VALUE}).")
  String classification = "standard";

  @ArgGroup(exclusive = true)
  Notes notes;

  /** Release notes, given inline or from a file. */
  static final class Notes {
    @Option(
        names = "--notes",
        paramLabel = "TEXT",
        description = "Release notes, published with the release and kept in the audit log.")
    String text;

    @Option(
        names = "--notes-file",
        paramLabel = "FILE",
        description = "Release notes read from a UTF-8 file, instead of --notes.")
    Path file;
  }

  @Option(
      names = "--force-version",
      paramLabel = "REASON",
      description = "Accept a version below the bump the changes imply; the reason is audited.")
  String forceReason;

  @Option(
      names = "--rollout",
      paramLabel = "PLAN",
      description =
          "Reach the sites in steps: '10%%', or '5%%,25%%,100%% every 1d' (default: all).")
  String rollout;

  @Override
  public Integer call() {
    options.progress("validating and archiving " + directory);
    ReleaseRequest request =
        new ReleaseRequest(
            new DirectorySourceTree(directory),
            SemanticVersionOption.parse(version),
            Channel.find(channel)
                .orElseThrow(
                    () ->
                        new PublishException(
                            "unknown channel '" + channel + "': use testing, staged or stable")),
            Classification.find(classification)
                .orElseThrow(
                    () ->
                        new PublishException(
                            "unknown classification '"
                                + classification
                                + "': use standard, emergency or major")),
            notesText(),
            forceReason,
            rollout,
            options.actor());
    ReleaseResult result = options.editor().release(request);
    PrintWriter out = spec.commandLine().getOut();
    ChangeSummary c = result.facts().changes();
    out.printf(
        "released %s %s to %s: %s (%d bytes, sha256 %s)%n",
        result.facts().datasource(),
        result.facts().version(),
        result.facts().channel(),
        result.facts().targetPath(),
        result.length(),
        result.hashes().get("sha256"));
    out.printf(
        "changes since %s: %s; models added %d, removed %d, changed %d%n",
        c.previousVersion() == null ? "nothing (first release)" : c.previousVersion(),
        c.bump(),
        c.modelsAddedCount(),
        c.modelsRemovedCount(),
        c.modelsChangedCount());
    if (result.facts().rollout() != null) {
      out.printf("rollout: %s%n", result.facts().rollout().describe());
    }
    out.printf("metadata versions: %s%n", result.metadata());
    out.flush();
    return 0;
  }

  private String notesText() {
    if (notes == null) {
      return null;
    }
    if (notes.file == null) {
      return notes.text;
    }
    try {
      return Files.readString(notes.file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PublishException(
          "cannot read the notes file " + notes.file + ": " + e.getMessage(), e);
    }
  }

  /** Versions as the commands take them. */
  static final class SemanticVersionOption {
    private SemanticVersionOption() {}

    static SemanticVersion parse(String text) {
      return SemanticVersion.find(text)
          .orElseThrow(
              () ->
                  new PublishException(
                      "'" + text + "' is not a version: write MAJOR.MINOR.PATCH, as 1.4.0"));
    }
  }
}
