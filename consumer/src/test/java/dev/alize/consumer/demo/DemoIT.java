package dev.alize.consumer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo, run non-interactively as the {@code demo} profile runs it: a process of its
 * own on the test class path, which starts the packaged publisher.jar and consumer.jar. So that the
 * demo can never rot, {@code ./mvnw -B verify} runs it after packaging.
 */
class DemoIT {

  private static final Pattern WORKING_FOLDER = Pattern.compile("Working folder: (\\S+)");

  @TempDir Path temp;

  @Test
  void theDemo_runsEveryStep_checksIt_andStopsItsServers() throws Exception {
    Path output = temp.resolve("demo.out");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Demo.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put(Demo.NONINTERACTIVE, "1");
    Process demo = builder.start();
    demo.getOutputStream().close();
    if (!demo.waitFor(5, TimeUnit.MINUTES)) {
      demo.destroy();
      demo.waitFor(30, TimeUnit.SECONDS);
      fail("the demo did not finish within 5 minutes:\n" + read(output));
    }
    String text = read(output);
    assertEquals(0, demo.exitValue(), text);

    List<String> lines = text.lines().toList();
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("Summary: " + Demo.ALL_CHECKED + ", in ")), text);
    for (String step :
        List.of(
            "  1. keys generated, repository initialised, eole 1.0.0 and acme-monitoring 1.0.0"
                + " released to stable",
            "  2. publisher serving the signed repository on https://127.0.0.1:",
            "  3. consumer synced eole 1.0.0 (",
            "  4. eole 2.0.0 (without filter_port, proxy_cache_mb 4000 -> 8000) released to"
                + " testing, promoted to stable",
            "  5. eole 2.0.0 held (MAJOR), previewed, approved, imported: 1 blocking conflict"
                + " (variable-removed), 1 warning (default-changed); the admins notified",
            "  6. acme-monitoring 1.1.0 rolled out to 50%: ",
            "  Publisher:    https://127.0.0.1:",
            "  Consumer API: http://127.0.0.1:",
            "  Console:      http://127.0.0.1:")) {
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(step)), () -> step + "\n" + text);
    }
    for (String command :
        List.of(" status --config ", " conflicts --config ", " imports --config ")) {
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("consumer.jar" + command)),
          () -> command + "\n" + text);
    }
    assertTrue(lines.contains("Stopped the publisher and the consumer."), text);

    // Nothing left behind: neither the working folder nor a process that uses it.
    Matcher folder = WORKING_FOLDER.matcher(text);
    assertTrue(folder.find(), text);
    String work = folder.group(1);
    assertTrue(lines.contains("Deleted " + work + "."), text);
    assertFalse(Files.exists(Path.of(work)), work + " left behind");
    List<String> left =
        ProcessHandle.allProcesses()
            .map(p -> p.info().commandLine().orElse(""))
            .filter(c -> c.contains(work))
            .toList();
    assertEquals(List.of(), left, "processes left running");
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), Charset.defaultCharset());
  }
}
