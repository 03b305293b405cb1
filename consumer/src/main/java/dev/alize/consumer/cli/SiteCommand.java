package dev.alize.consumer.cli;

import dev.alize.consumer.config.Subscription;
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
      Map<String, String> modes = new LinkedHashMap<>();
      for (Subscription s : context.subscriptions()) {
        modes.put(s.name(), s.rollout().wireName());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json.requested()) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("identity", identity);
        answer.put("rollout", modes);
        out.println(StatusStore.toJson(answer));
      } else {
        out.printf("identity %s%n", identity);
        modes.forEach((name, mode) -> out.printf("%s: rollout %s%n", name, mode));
      }
      out.flush();
      return 0;
    }
  }
}
