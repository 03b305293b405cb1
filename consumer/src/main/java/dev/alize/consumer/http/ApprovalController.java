package dev.alize.consumer.http;

import dev.alize.consumer.admin.AdminService;
import dev.alize.consumer.importer.Importer;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import java.util.List;

/**
 * Approvals of releases held by the auto-approve policy: the list, a new one, which also lifts the
 * pin a rollback left on its datasource, and the withdrawal of one.
 */
@Controller("/api/v1/approvals")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
// Not final: the validation of its @Valid bodies is advice around its methods.
class ApprovalController {

  /** One approval. */
  record ApprovalJson(String datasource, String version) {

    /** From the {@code NAME VERSION} form the importer keeps. */
    static ApprovalJson of(String approval) {
      int space = approval.indexOf(' ');
      return new ApprovalJson(approval.substring(0, space), approval.substring(space + 1));
    }
  }

  private final AdminService admin;
  private final Importer importer;

  ApprovalController(AdminService admin, Importer importer) {
    this.admin = admin;
    this.importer = importer;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  List<ApprovalJson> list() {
    return importer.approvals().stream().sorted().map(ApprovalJson::of).toList();
  }

  @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  ApprovalJson approve(@Body @Valid ApprovalBody body, Authentication by) {
    admin.approve(body.datasource(), body.semanticVersion(), by.getName());
    return new ApprovalJson(body.datasource(), body.semanticVersion().toString());
  }

  /** Withdraws an approval: 204, or 404 when the release was not approved. */
  @Delete(value = "/{datasource}/{version}", consumes = MediaType.ALL)
  HttpResponse<Void> withdraw(
      @PathVariable String datasource, @PathVariable String version, Authentication by) {
    admin.withdrawApproval(
        ApiParameters.datasource("datasource", datasource),
        ApiParameters.version("version", version),
        by.getName());
    return HttpResponse.noContent();
  }
}
