package dev.alize.consumer.cli;

import dev.alize.consumer.app.ConsumerApplication;
import dev.alize.consumer.persistence.Database;
import dev.alize.consumer.persistence.Schema;
import dev.alize.consumer.persistence.SchemaChecked;
import dev.alize.consumer.persistence.SchemaState;
import dev.alize.consumer.sync.StatusStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code migrate}: brings the database's schema to this consumer's version. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Bring the database's schema to this consumer's version.",
      "Only this command and serve change an existing schema: run it once every replica sharing"
          + " the database runs this version."
    })
final class MigrateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    try (ConsumerContext context =
        ConsumerContext.open(config.file(), ConsumerApplication.Role.MIGRATION)) {
      SchemaChecked checked = context.application().getBean(SchemaChecked.class);
      String database = context.application().getBean(Database.class).settings().shown();
      boolean migrated = checked.step() == Schema.Step.MIGRATE;
      PrintWriter out = spec.commandLine().getOut();
      if (json.requested()) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("database", database);
        answer.put("from", checked.found() instanceof SchemaState.At at ? at.version() : null);
        answer.put("to", Schema.CURRENT);
        answer.put("migrated", migrated);
        out.println(StatusStore.toJson(answer));
      } else if (migrated) {
        out.printf(
            "database %s: schema migrated from %s to version %d%n",
            database, checked.found().shown(), Schema.CURRENT);
      } else {
        out.printf(
            "database %s: schema already at version %d, nothing to migrate%n",
            database, Schema.CURRENT);
      }
      out.flush();
      return 0;
    }
  }
}
