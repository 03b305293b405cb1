package dev.alize.consumer.cli;

import dev.alize.common.conflict.ModelRef;
import dev.alize.common.datasource.EffectiveVariable;
import dev.alize.common.text.Printable;
import dev.alize.consumer.admin.UpstreamModel;
import dev.alize.consumer.store.ModelSummary;
import dev.alize.consumer.sync.StatusStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code models [DATASOURCE | DATASOURCE/RELEASE/MODEL]}: the imported upstream models. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "List the imported upstream server models, of one datasource or all.",
      "With DATASOURCE/RELEASE/MODEL, show one model's effective variables and where each"
          + " value comes from."
    })
final class ModelsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DATASOURCE",
      description = "A datasource, or DATASOURCE/RELEASE/MODEL for one model (default: all).")
  String which;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    try (ConsumerContext context = ConsumerContext.open(config.file())) {
      ConsumerServices services = context.services();
      PrintWriter out = spec.commandLine().getOut();
      if (which != null && which.contains("/")) {
        one(out, services, which);
      } else {
        List<ModelSummary> models = services.admin().models(which);
        if (json.requested()) {
          out.println(StatusStore.toJson(models));
        } else if (models.isEmpty()) {
          out.println("no model imported" + (which == null ? "" : " for " + which));
        } else {
          // One write for the whole list: the output flushes on each printf, a system call per
          // model, and parses its format each time.
          StringBuilder text = new StringBuilder(models.size() * 80);
          for (ModelSummary m : models) {
            text.append(Printable.escape(m.path()))
                .append(m.status().equals("withdrawn") ? " (withdrawn upstream)" : "")
                .append(": ")
                .append(Printable.escape(m.title() == null ? m.name() : m.title()))
                .append(", ")
                .append(m.variables())
                .append(" variables, from ")
                .append(Printable.escape(m.importedVersion()))
                .append(System.lineSeparator());
          }
          out.print(text);
        }
      }
      out.flush();
    }
    return 0;
  }

  private void one(PrintWriter out, ConsumerServices services, String path) {
    ModelRef ref = Flags.modelRef(spec, path, path);
    UpstreamModel model = services.admin().model(ref);
    Map<String, Object> variables = new LinkedHashMap<>();
    for (EffectiveVariable v : model.model().variables().values()) {
      Map<String, Object> form = new LinkedHashMap<>();
      form.put("service", v.service());
      form.put("type", v.definition().typeName());
      form.put("value", v.value() == null ? null : v.value().toPlain());
      form.put("source", v.source());
      variables.put(v.name(), form);
    }
    if (json.requested()) {
      Map<String, Object> form = new LinkedHashMap<>();
      form.put("model", ref.toString());
      form.put("withdrawn", model.withdrawn());
      form.put("title", model.model().model().title());
      form.put("extends", model.model().model().parent());
      form.put("chain", model.model().chain());
      form.put("services", model.model().services());
      form.put("contentHash", model.model().contentHash());
      form.put("variables", variables);
      out.println(StatusStore.toJson(form));
      return;
    }
    out.printf(
        "%s%s: %s%n  services: %s%n",
        Printable.args(
            ref,
            model.withdrawn() ? " (withdrawn upstream)" : "",
            model.model().model().title(),
            String.join(", ", model.model().services())));
    for (EffectiveVariable v : model.model().variables().values()) {
      out.printf(
          "  %s = %s (%s, from %s)%n",
          Printable.args(
              v.name(),
              v.value() == null ? "(none)" : v.value().display(),
              v.definition().typeName(),
              v.source() == null ? "no value" : v.source()));
    }
  }
}
