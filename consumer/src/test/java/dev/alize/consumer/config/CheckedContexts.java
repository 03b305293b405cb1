package dev.alize.consumer.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Application contexts over a configuration given as a map, placed as the configuration file is,
 * started and checked as the consumer's are. The process's environment variables are left out, so
 * that the machine's do not change the outcome; a test gives its own as a source with {@link
 * PropertySource.PropertyConvention#ENVIRONMENT_VARIABLE}.
 */
public final class CheckedContexts {

  private CheckedContexts() {}

  /**
   * @throws ConfigurationException as {@link ConfigurationCheck#check} does, the context closed
   */
  public static ApplicationContext start(Map<String, Object> file, PropertySource... others) {
    List<PropertySource> sources = new ArrayList<>(List.of(others));
    sources.add(PropertySource.of("config", file, AbstractPropertySourceLoader.DEFAULT_POSITION));
    ApplicationContext context =
        ApplicationContext.builder()
            .banner(false)
            .deduceEnvironment(false)
            .environmentPropertySource(false)
            .propertySources(sources.toArray(PropertySource[]::new))
            .start();
    try {
      ConfigurationCheck.check(context);
      return context;
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  /** Environment variables, as the process's would be read. */
  public static PropertySource variables(Map<String, Object> variables) {
    return PropertySource.of(
        "variables",
        variables,
        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE,
        PropertySource.Origin.of("variables"));
  }
}
