package dev.alize.publisher.cli;

import dev.alize.publisher.config.ConfigLocation;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The option of the commands that open the fleet database: serve's configuration file. */
final class FleetOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The configuration file of serve, which names the fleet database. Default: the file "
              + ConfigLocation.VARIABLE
              + " names, else /etc/alize/publisher.yml if it exists.")
  Path config;

  /** The configuration file to read; a usage error when there is none. */
  Path configFile() {
    return ConfigLocation.find(config, System.getenv(), ConfigLocation.DEFAULT)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "--config FILE is required: the configuration file of serve, which names the"
                        + " fleet database"));
  }
}
