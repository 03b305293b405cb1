package dev.alize.publisher.cli;

import dev.alize.common.report.InvalidReportException;
import dev.alize.common.report.SiteLabel;
import dev.alize.common.text.Printable;
import dev.alize.common.time.Periods;
import dev.alize.publisher.fleet.Enrolments;
import dev.alize.publisher.persistence.CommandContext;
import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code enroll}: a one-time token with which one site enrols to send reports. */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Issue a one-time token with which a site enrols to send signed reports.",
      "Printed once; only its SHA-256 is stored in the fleet database, with the label and the"
          + " expiry. The site sends it once, with its own public key, to POST /api/v1/sites."
    })
final class EnrollCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin FleetOptions fleet;

  @Parameters(
      index = "0",
      paramLabel = "LABEL",
      description = "The site's label, as its consumer is configured with it.")
  String label;

  @Option(
      names = "--valid",
      paramLabel = "PERIOD",
      defaultValue = "7d",
      description = "How long the token may be used (default: ${DEFAULT-VALUE}).")
  String valid;

  @Option(names = "--json", description = "Answer in JSON: token, label and expires.")
  boolean json;

  private final Clock clock;

  EnrollCommand() {
    this(Clock.systemUTC());
  }

  /** For tests: tokens dated and expiring by {@code clock}. */
  EnrollCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    try {
      SiteLabel.check(label, "LABEL");
    } catch (InvalidReportException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Duration period =
        Periods.find(valid)
            .filter(d -> !d.isNegative() && !d.isZero())
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(), "--valid must be a period: " + Periods.FORMS));
    Enrolments.Issued issued;
    try (ApplicationContext context = CommandContext.start(fleet.configFile(), clock)) {
      issued = context.getBean(Enrolments.class).issue(label, period);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("token", issued.token());
      answer.put("label", issued.label());
      answer.put("expires", issued.expires().toString());
      Json.print(out, answer);
    } else {
      out.println("token: " + issued.token());
      out.println();
      out.printf(
          "# Shown once, valid until %s for the site labelled \"%s\": give it to the site's"
              + " operator, whose consumer enrols with it once.%n",
          issued.expires(), Printable.escape(issued.label()));
    }
    out.flush();
    return 0;
  }
}
