package dev.alize.publisher.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/**
 * The publisher's settings under {@code alize.publisher}; {@code serve} sets them from its options.
 * Only paths: no key material is ever configured here, so none can reach a log.
 *
 * @param repoDir the repository folder, whose {@code metadata/} and {@code targets/} are served
 * @param keysDir the folder of the publisher's keys and TLS material
 */
@ConfigurationProperties("alize.publisher")
public record PublisherConfiguration(Path repoDir, Path keysDir) {}
