package dev.alize.consumer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine the figures were measured on, as the report states it.
 *
 * @param cpu the processor's model name
 * @param cores the processors this JVM may use
 * @param memoryMb the machine's memory
 * @param jdk the JDK's vendor and version
 * @param os the operating system and kernel
 */
record Machine(String cpu, int cores, long memoryMb, String jdk, String os) {

  static Machine current() {
    return new Machine(
        field(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")),
        Runtime.getRuntime().availableProcessors(),
        field(Path.of("/proc/meminfo"), "MemTotal")
            .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024)
            .orElse(-1L),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"));
  }

  String shown() {
    return String.format(
        Locale.ROOT, "%s, %d cores, %,d MB; %s; %s", cpu, cores, memoryMb, jdk, os);
  }

  private static java.util.Optional<String> field(Path file, String name) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.stream()
          .filter(l -> l.startsWith(name))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
