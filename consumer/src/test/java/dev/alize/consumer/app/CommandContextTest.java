package dev.alize.consumer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.inject.BeanDefinitionReference;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CommandContextTest {

  @Test
  void aCommandsDefinitions_areMicronautsButTheServersModules() {
    ClassLoader loader = getClass().getClassLoader();
    Set<String> micronauts =
        names(
            MicronautMetaServiceLoaderUtils.findMetaMicronautServiceEntries(
                loader, BeanDefinitionReference.class, r -> true));
    Set<String> commands = names(CommandContext.readReferences(loader));
    assertTrue(micronauts.stream().anyMatch(CommandContext::isServers));
    assertEquals(
        micronauts.stream()
            .filter(n -> !CommandContext.isServers(n))
            .collect(Collectors.toCollection(TreeSet::new)),
        commands);
  }

  @Test
  void aCommandsContext_knowsTheApisKeysButMakesNoServerBean() {
    try (ApplicationContext command = ConsumerApplication.startConfiguration(null)) {
      assertTrue(
          command.getBeanDefinitionReferences().stream()
              .anyMatch(r -> r.getClass().getName().startsWith("dev.alize.consumer.http.")));
      assertFalse(command.containsBean(HttpServerConfiguration.class));
    }
  }

  private static Set<String> names(List<?> references) {
    return references.stream()
        .map(r -> r.getClass().getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void eachLeftOutPackageHoldsDefinitionsOnTheClassPath() throws Exception {
    Set<String> all =
        MicronautMetaServiceLoaderUtils.findMicronautMetaServiceEntries(
            getClass().getClassLoader(), BeanDefinitionReference.class.getName());
    for (String serverPackage : CommandContext.SERVER_PACKAGES) {
      assertTrue(all.stream().anyMatch(n -> n.startsWith(serverPackage)), serverPackage);
    }
  }
}
