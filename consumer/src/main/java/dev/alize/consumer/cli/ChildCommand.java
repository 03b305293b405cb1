package dev.alize.consumer.cli;

import dev.alize.common.conflict.ChildFieldNames;
import dev.alize.common.conflict.ChildOverride;
import dev.alize.common.conflict.ModelRef;
import dev.alize.consumer.admin.ChildChange;
import dev.alize.consumer.admin.ChildDraft;
import dev.alize.consumer.admin.ChildJson;
import dev.alize.consumer.store.StoredChild;
import dev.alize.consumer.sync.StatusStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code child create|update|list|delete}: the admins' child models. */
@Command(
    name = "child",
    mixinStandardHelpOptions = true,
    description =
        "Create, change, list and delete child models derived from upstream server models.",
    subcommands = {
      ChildCommand.Create.class,
      ChildCommand.Update.class,
      ChildCommand.ListChildren.class,
      ChildCommand.Delete.class
    })
final class ChildCommand {

  /**
   * The values of {@code --set VARIABLE=VALUE} options, by variable.
   *
   * @throws ParameterException naming the option that is not VARIABLE=VALUE or sets a variable
   *     twice
   */
  static Map<String, String> values(CommandSpec command, List<String> set) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String s : set) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(
            command.commandLine(), "--set " + s + ": write VARIABLE=VALUE");
      }
      if (values.put(s.substring(0, eq), s.substring(eq + 1)) != null) {
        throw new ParameterException(
            command.commandLine(), "--set " + s + ": the variable is set twice");
      }
    }
    return values;
  }

  /** {@code child create NAME --parent DATASOURCE/RELEASE/MODEL ...}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a child model of an upstream model, overriding variables and services.",
        "Values are written as in YAML: --set proxy_port=8080 --set 'proxy_bypass=[10.0.0.0/8]'"
      })
  static final class Create implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "The new child model's name.")
    String name;

    @Option(
        names = "--parent",
        required = true,
        paramLabel = "DATASOURCE/RELEASE/MODEL",
        description = "The upstream model it derives from, as eole/2.9.0/amon.")
    String parent;

    @Option(
        names = "--set",
        paramLabel = "VARIABLE=VALUE",
        description = "Override a variable of the parent; repeatable.")
    List<String> set = new ArrayList<>();

    @Option(
        names = "--add-service",
        paramLabel = "SERVICE",
        description = "Give the child a service its parent has not; repeatable.")
    List<String> addServices = new ArrayList<>();

    @Option(
        names = "--remove-service",
        paramLabel = "SERVICE",
        description = "Take away a service of the parent; repeatable.")
    List<String> removeServices = new ArrayList<>();

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description = "What the child model is for, shown to the admins.")
    String description;

    @Mixin ActorOption actor;

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      ModelRef ref = Flags.modelRef(spec, "--parent " + parent, parent);
      Map<String, String> values = values(spec, set);
      try (ConsumerContext context = ConsumerContext.open(config.file())) {
        ConsumerServices services = context.services();
        StoredChild child =
            services
                .admin()
                .createChild(
                    new ChildDraft(name, ref, values, addServices, removeServices, description),
                    actor.name());
        PrintWriter out = spec.commandLine().getOut();
        if (json.requested()) {
          out.println(StatusStore.toJson(ChildJson.of(child)));
        } else {
          out.printf(
              "created child model %s of %s (reconciled with %s %s)%n",
              name, ref, ref.datasource(), child.child().reconciledVersion());
        }
        out.flush();
      }
      return 0;
    }
  }

  /** {@code child update NAME [--set VARIABLE=VALUE] [--unset VARIABLE] ...}. */
  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Change part of a child model; what is not given stays as it is. The child is checked"
            + " against its parent and reconciled with it as a new one is.",
        "--add-service gives the child a service, one it removed from its parent included;"
            + " --remove-service takes one away, one it added included; --description '' clears"
            + " the description."
      })
  static final class Update implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "The child model.")
    String name;

    @Option(
        names = "--set",
        paramLabel = "VARIABLE=VALUE",
        description = "Override the variable with this value; repeatable.")
    List<String> set = new ArrayList<>();

    @Option(
        names = "--unset",
        paramLabel = "VARIABLE",
        description = "Drop the override of the variable: the parent's value applies; repeatable.")
    List<String> unset = new ArrayList<>();

    @Option(
        names = "--add-service",
        paramLabel = "SERVICE",
        description = "Give the child this service; repeatable.")
    List<String> addServices = new ArrayList<>();

    @Option(
        names = "--remove-service",
        paramLabel = "SERVICE",
        description = "Take this service away from the child; repeatable.")
    List<String> removeServices = new ArrayList<>();

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description = "Replace the description; '' clears it.")
    String description;

    @Mixin ActorOption actor;

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      ChildChange change =
          new ChildChange(values(spec, set), unset, addServices, removeServices, description);
      if (change.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "nothing to change: give --set, --unset, --add-service, --remove-service or"
                + " --description");
      }
      try (ConsumerContext context = ConsumerContext.open(config.file())) {
        ConsumerServices services = context.services();
        StoredChild child =
            services.admin().changeChild(name, change, actor.name(), ChildFieldNames.COMMAND_LINE);
        PrintWriter out = spec.commandLine().getOut();
        if (json.requested()) {
          out.println(StatusStore.toJson(ChildJson.of(child)));
        } else {
          out.printf(
              "updated child model %s (reconciled with %s %s)%n",
              name, child.child().parent().datasource(), child.child().reconciledVersion());
        }
        out.flush();
      }
      return 0;
    }
  }

  /** {@code child list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List child models.")
  static final class ListChildren implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigOption config;

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      try (ConsumerContext context = ConsumerContext.open(config.file())) {
        ConsumerServices services = context.services();
        List<StoredChild> children = services.admin().children();
        PrintWriter out = spec.commandLine().getOut();
        if (json.requested()) {
          out.println(StatusStore.toJson(children.stream().map(ChildJson::of).toList()));
        } else if (children.isEmpty()) {
          out.println("no child model: create one with 'consumer child create'");
        } else {
          for (StoredChild c : children) {
            out.printf(
                "%s: child of %s, reconciled with %s%n",
                c.child().name(), c.child().parent(), c.child().reconciledVersion());
            for (ChildOverride o : c.child().overrides()) {
              out.printf("  set %s = %s%n", o.variable(), o.valueText());
            }
            c.child().addedServices().forEach(s -> out.printf("  add service %s%n", s));
            c.child().removedServices().forEach(s -> out.printf("  remove service %s%n", s));
          }
        }
        out.flush();
      }
      return 0;
    }
  }

  /** {@code child delete NAME}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a child model and its conflicts.")
  static final class Delete implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConfigOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "The child model.")
    String name;

    @Override
    public Integer call() {
      try (ConsumerContext context = ConsumerContext.open(config.file())) {
        ConsumerServices services = context.services();
        services.admin().deleteChild(name);
      }
      spec.commandLine().getOut().printf("deleted child model %s%n", name);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
