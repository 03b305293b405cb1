package dev.alize.consumer.cli;

import dev.alize.common.text.Printable;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.report.ReportStatus;
import dev.alize.consumer.site.SiteIdentity;
import dev.alize.consumer.sync.StatusStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
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
      Map<String, Object> repositories = new LinkedHashMap<>();
      for (Subscription s : context.subscriptions()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rollout", s.rollout().wireName());
        r.put("reports", s.reportUrl() == null ? null : s.reportUrl().toString());
        reports
            .enrolment(s.name())
            .ifPresent(
                e -> {
                  r.put("enrolledAs", e.label());
                  r.put("enrolledAt", e.enrolledAt().toString());
                });
        reports
            .pending(s.name())
            .ifPresent(
                p -> {
                  r.put("reportDueAt", p.nextAttemptAt().toString());
                  r.put("reportAttempts", p.attempts());
                  r.put("reportError", p.lastError());
                });
        repositories.put(s.name(), r);
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
        repositories.forEach((name, r) -> out.println(Printable.escape(line(name, r))));
      }
      out.flush();
      return 0;
    }
  }

  @SuppressWarnings("unchecked")
  private static String line(String name, Object value) {
    Map<String, Object> r = (Map<String, Object>) value;
    StringBuilder line = new StringBuilder(name + ": rollout " + r.get("rollout"));
    if (r.get("reports") == null) {
      return line.append(", reports off").toString();
    }
    line.append(", reports to ").append(r.get("reports"));
    line.append(
        r.containsKey("enrolledAs")
            ? ", enrolled at " + r.get("enrolledAt")
            : ", not enrolled (run 'consumer enroll " + name + " --token TOKEN')");
    if (r.containsKey("reportDueAt")) {
      line.append(", report due ").append(r.get("reportDueAt"));
      if (r.get("reportError") != null) {
        line.append(" (")
            .append(r.get("reportAttempts"))
            .append(" failed: ")
            .append(r.get("reportError"))
            .append(")");
      }
    }
    return line.toString();
  }
}
