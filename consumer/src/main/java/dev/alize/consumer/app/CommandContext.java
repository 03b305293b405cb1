package dev.alize.consumer.app;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfiguration;
import io.micronaut.context.DefaultApplicationContext;
import io.micronaut.context.DefaultApplicationContextBuilder;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.inject.BeanDefinitionReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The application context of a command (every role but {@code serve}'s): Micronaut's, without the
 * bean definitions of the modules only the HTTP server uses. Micronaut loads and initialises every
 * bean definition of the class path as its context is made, some 640 here, over half of them the
 * server's, routing, security, views, management and metrics; a command never makes one of those
 * beans, and leaving them out spares a tenth of its start-up. The consumer's own definitions all
 * stay: the configuration check reads their keys.
 */
// Micronaut's context declares some of its interfaces' varargs methods with arrays, which javac
// reports in each subclass.
@SuppressWarnings("overrides")
final class CommandContext extends DefaultApplicationContext {

  /** Packages of the server's modules, by name so that their classes are never loaded. */
  static final List<String> SERVER_PACKAGES =
      List.of(
          "io.micronaut.http.server.",
          "io.micronaut.http.netty.",
          "io.micronaut.http.ssl.",
          "io.micronaut.web.router.",
          "io.micronaut.security.",
          "io.micronaut.views.",
          "io.micronaut.management.",
          "io.micronaut.configuration.metrics.");

  @SuppressWarnings("rawtypes")
  private List<BeanDefinitionReference> references;

  private CommandContext(ApplicationContextConfiguration configuration) {
    super(configuration);
  }

  /** A builder of Micronaut's whose contexts are command contexts. */
  static ApplicationContextBuilder builder() {
    return new DefaultApplicationContextBuilder() {
      @Override
      protected ApplicationContext newApplicationContext() {
        return new CommandContext(this);
      }
    };
  }

  static boolean isServers(String definition) {
    return SERVER_PACKAGES.stream().anyMatch(definition::startsWith);
  }

  /**
   * As Micronaut's own, from the same list of names, but for the server's: a definition whose class
   * or whose dependencies are missing is left out, as Micronaut does.
   */
  @Override
  @SuppressWarnings("rawtypes")
  protected List<BeanDefinitionReference> resolveBeanDefinitionReferences() {
    if (references == null) {
      references = readReferences(getClassLoader());
    }
    return references;
  }

  @SuppressWarnings("rawtypes")
  static List<BeanDefinitionReference> readReferences(ClassLoader classLoader) {
    Set<String> names;
    try {
      names =
          MicronautMetaServiceLoaderUtils.findMicronautMetaServiceEntries(
              classLoader, BeanDefinitionReference.class.getName());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the bean definitions of the class path", e);
    }
    List<BeanDefinitionReference> read = new ArrayList<>(names.size());
    for (String name : names) {
      if (isServers(name)) {
        continue;
      }
      try {
        Class<?> type = Class.forName(name, false, classLoader);
        read.add((BeanDefinitionReference) type.getConstructor().newInstance());
      } catch (NoClassDefFoundError
          | ClassNotFoundException
          | NoSuchMethodException
          | IllegalAccessException e) {
        // A definition of an optional dependency that is absent, skipped as Micronaut does.
      } catch (InvocationTargetException e) {
        if (!(e.getCause() instanceof NoClassDefFoundError)) {
          throw new IllegalStateException("cannot load the bean definition " + name, e.getCause());
        }
      } catch (InstantiationException e) {
        throw new IllegalStateException("cannot load the bean definition " + name, e);
      }
    }
    return read;
  }
}
