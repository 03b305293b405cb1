package dev.alize.publisher.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alize.common.report.ReportSignature;
import dev.alize.common.report.SiteEnrolment;
import dev.alize.common.report.SiteReport;
import dev.alize.publisher.fleet.BoundedBody;
import dev.alize.publisher.fleet.Enrolments;
import dev.alize.publisher.fleet.ReportIntake;
import dev.alize.publisher.fleet.Site;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.InputStream;

/**
 * What sites send: their enrolment, authenticated by its one-time token, and their reports,
 * authenticated by their own key's signature. Neither takes a bearer token, so both are anonymous
 * to the security rules; every other write route still needs one.
 */
@Controller("/api/v1")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class FleetController {

  private final Enrolments enrolments;
  private final ReportIntake intake;

  FleetController(Enrolments enrolments, ReportIntake intake) {
    this.enrolments = enrolments;
    this.intake = intake;
  }

  @Post(value = "/sites", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<ObjectNode> enrol(HttpRequest<?> request, @Nullable @Body InputStream body) {
    Site site =
        enrolments.enrol(
            () ->
                BoundedBody.read(
                    body, request.getContentLength(), SiteEnrolment.MAX_BYTES, "an enrolment"));
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("site", site.id()).put("label", site.label());
    return HttpResponse.created(answer);
  }

  @Post(value = "/reports", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  HttpResponse<Void> report(
      HttpRequest<?> request,
      @Nullable @Header(ReportSignature.SITE) String site,
      @Nullable @Header(ReportSignature.SIGNATURE) String signature,
      @Nullable @Body InputStream body) {
    intake.accept(
        site,
        signature,
        () -> BoundedBody.read(body, request.getContentLength(), SiteReport.MAX_BYTES, "a report"));
    return HttpResponse.accepted();
  }
}
