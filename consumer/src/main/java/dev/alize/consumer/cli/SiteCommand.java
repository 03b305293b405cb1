package dev.alize.consumer.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.alize.common.text.Printable;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.report.PendingReport;
import dev.alize.consumer.report.ReportEnrolment;
import dev.alize.consumer.report.ReportStatus;
import dev.alize.consumer.site.SiteIdentity;
import dev.alize.consumer.sync.StatusStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code site}: this site's identity and when it takes each repository's releases. */
@Command(
    name = "site",
    mixinStandardHelpOptions = true,
    description =
        "Show this site's identity, which places it in each rollout, and its rollout modes.")
final class SiteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      String identity = context.application().getBean(SiteIdentity.class).get();
      String label = context.siteLabel();
      ReportStatus reports = context.application().getBean(ReportStatus.class);
      Map<String, RepositorySite> repositories = new LinkedHashMap<>();
      for (Subscription s : context.subscriptions()) {
        Optional<ReportEnrolment> enrolment = reports.enrolment(s.name());
        Optional<PendingReport> pending = reports.pending(s.name());
        repositories.put(
            s.name(),
            new RepositorySite(
                s.rollout().wireName(),
                s.reportUrl() == null ? null : s.reportUrl().toString(),
                enrolment.map(ReportEnrolment::label).orElse(null),
                enrolment.map(e -> e.enrolledAt().toString()).orElse(null),
                pending.map(p -> p.nextAttemptAt().toString()).orElse(null),
                pending.map(PendingReport::attempts).orElse(null),
                pending.map(PendingReport::lastError).orElse(null)));
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.requested()) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("identity", identity);
        answer.put("label", label);
        answer.put("repositories", repositories);
        out.println(StatusStore.toJson(answer));
      } else {
        out.printf("identity %s%s%n", identity, label == null ? "" : ", label '" + label + "'");
        repositories.forEach((name, r) -> out.println(Printable.escape(r.line(name))));
      }
      out.flush();
      return 0;
    }
  }

  /**
   * One repository as the site sees it; what does not apply is left out of the JSON.
   *
   * @param reports where reports go, or null when they are off
   * @param reportDueAt when the report waiting to leave is tried next, or null when none waits
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RepositorySite(
      String rollout,
      String reports,
      String enrolledAs,
      String enrolledAt,
      String reportDueAt,
      Integer reportAttempts,
      String reportError) {

    String line(String name) {
      StringBuilder line = new StringBuilder(name + ": rollout " + rollout);
      if (reports == null) {
        return line.append(", reports off").toString();
      }
      line.append(", reports to ").append(reports);
      line.append(
          enrolledAs != null
              ? ", enrolled at " + enrolledAt
              : ", not enrolled (run 'consumer enroll " + name + " --token TOKEN')");
      if (reportDueAt != null) {
        line.append(", report due ").append(reportDueAt);
        if (reportError != null) {
          line.append(" (").append(reportAttempts).append(" failed: ").append(reportError);
          line.append(")");
        }
      }
      return line.toString();
    }
  }
}
