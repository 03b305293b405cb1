package dev.alize.consumer.cli;

import dev.alize.common.text.Printable;
import dev.alize.consumer.config.ConfigurationException;
import dev.alize.consumer.config.Subscription;
import dev.alize.consumer.report.ReportEnrolment;
import dev.alize.consumer.report.SiteEnroller;
import dev.alize.consumer.site.SiteIdentity;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code enroll}: lets this site report to a repository's publisher. */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = "Enrol this site with a repository's publisher, so that its reports are taken.",
    footer = {
      "",
      "The maintainer issues the one-time TOKEN for this site's label (alize.consumer.site-label)"
          + " with 'publisher enroll LABEL'. The site's report key is made and kept in the"
          + " database; only its public half is sent. The first report leaves at once."
    })
final class EnrollCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "REPOSITORY", description = "The repository whose publisher to join.")
  String repository;

  @Option(
      names = "--token",
      required = true,
      paramLabel = "TOKEN",
      description = "The one-time enrolment token the maintainer issued.")
  String token;

  @Override
  public Integer call() {
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      List<Subscription> subscriptions = context.subscriptions();
      Subscription subscription =
          subscriptions.stream()
              .filter(s -> s.name().equals(repository))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "no repository '"
                              + repository
                              + "' in "
                              + config.shown()
                              + ": it has "
                              + String.join(
                                  ", ", subscriptions.stream().map(Subscription::name).toList())));
      String label = context.siteLabel();
      if (label == null) {
        throw new ConfigurationException(
            "alize.consumer.repositories."
                + repository
                + ".reports is not true: turn reports on"
                + " before enrolling");
      }
      ReportEnrolment enrolled =
          context.application().getBean(SiteEnroller.class).enrol(subscription, label, token);
      String site = context.application().getBean(SiteIdentity.class).get();
      int sent = context.services().reports().sendDue(subscriptions, label);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "enrolled site %s as '%s' with %s%n",
          Printable.args(site, enrolled.label(), enrolled.url()));
      out.println(
          sent > 0
              ? "first report delivered"
              : "first report not delivered yet: it is tried again by the next sync or serve");
      out.flush();
      return 0;
    }
  }
}
