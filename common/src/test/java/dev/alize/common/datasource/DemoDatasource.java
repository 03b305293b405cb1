package dev.alize.common.datasource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small valid datasource written to a folder, with files replaced or removed per test. */
final class DemoDatasource {

  static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put(
        "datasource.yaml",
        """
        format: 1
        name: demo
        title: Demo models
        maintainer: Demo team <demo@example.org>
        """);
    FILES.put(
        "releases/1.0.yaml",
        """
        name: "1.0"
        status: supported
        end_of_support: 2030-01-01
        """);
    FILES.put(
        "services/web.yaml",
        """
        name: web
        packages: [nginx]
        variables:
          web_port:
            type: port
            default: 80
          web_name:
            type: hostname
            default: www.example.org
          admin_password:
            type: password
          allowed:
            type: list
            items: cidr
            default: [10.0.0.0/8, "fd00::/8"]
          mode:
            type: choice
            choices: [fast, safe]
            default: safe
          workers:
            type: integer
            min: 1
            max: 64
            default: 4
        """);
    FILES.put(
        "services/dns.yaml",
        """
        name: dns
        variables:
          resolvers:
            type: list
            items: ip
            default: [192.0.2.53, "2001:db8::53"]
          dns_secure:
            type: boolean
            default: true
          zone_label:
            type: string
            pattern: "[a-z]+"
            default: lan
        """);
    FILES.put(
        "servermodels/1.0/base.yaml",
        """
        name: base
        release: "1.0"
        title: Base
        services: [dns]
        variables:
          dns_secure: false
        """);
    FILES.put(
        "servermodels/1.0/gateway.yaml",
        """
        name: gateway
        release: "1.0"
        extends: base
        services: [web]
        variables:
          workers: 8
          zone_label: gw
        """);
  }

  private DemoDatasource() {}

  /** Writes the demo with {@code changes} applied: a null content removes the file. */
  static Path write(Path dir, Map<String, String> changes) {
    Map<String, String> files = new LinkedHashMap<>(FILES);
    changes.forEach(
        (path, content) -> {
          if (content == null) {
            files.remove(path);
          } else {
            files.put(path, content);
          }
        });
    files.forEach(
        (path, content) -> writeFile(dir.resolve(path), content.getBytes(StandardCharsets.UTF_8)));
    return dir;
  }

  static void writeFile(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
