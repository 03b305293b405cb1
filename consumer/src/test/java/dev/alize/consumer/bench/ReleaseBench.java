package dev.alize.consumer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A maintainer's release, as {@code publisher.jar release} runs it (validation, the diff against
 * the previous release, the deterministic archive, the signed metadata), against {@code tar czf} of
 * the same tree followed by {@code sha256sum} of the result: a stage of a site's datasource, into a
 * fresh copy of the repository as it was after the stage before it.
 */
final class ReleaseBench {

  record Figures(Figure release, Figure tarAndHash) {}

  private ReleaseBench() {}

  static Figures measure(
      BenchSettings settings, Jobs jobs, PublisherSite site, int stage, int warmups, int runs)
      throws Exception {
    PublisherSite.Stage first = site.stages().get(stage - 1);
    PublisherSite.Stage next = site.stages().get(stage);
    List<Double> ours = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    for (int i = 0; i < warmups + runs; i++) {
      Path repo = Files.createTempDirectory(settings.work(), "release-");
      PublisherSite.copyTree(first.repository(), repo);
      Jobs.Done release =
          jobs.java(
                  "publisher release " + next.version(),
                  List.of(),
                  settings.publisherJar(),
                  "release",
                  next.datasource(),
                  "--repo",
                  repo,
                  "--keys",
                  site.keys(),
                  "--version",
                  next.version(),
                  "--channel",
                  "stable",
                  "--notes",
                  "Benchmark")
              .ok();
      Path tarball = repo.resolve("tar-czf.tar.gz");
      Jobs.Done tar =
          jobs.run(
                  "tar czf",
                  List.of(
                      "tar", "czf", tarball.toString(), "-C", next.datasource().toString(), "."))
              .ok();
      Jobs.Done sum = jobs.run("sha256sum", List.of("sha256sum", tarball.toString())).ok();
      if (i >= warmups) {
        ours.add(release.seconds());
        baseline.add(tar.seconds() + sum.seconds());
      }
      settings.say(
          "  %s: release %.2f s; tar czf + sha256sum %.2f s",
          i < warmups ? "warm-up" : "run " + (i - warmups + 1) + "/" + runs,
          release.seconds(),
          tar.seconds() + sum.seconds());
    }
    return new Figures(Figure.of(ours, "s"), Figure.of(baseline, "s"));
  }
}
