package dev.alize.consumer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command line of the guides that runs {@code JAR} must parse against the real command line,
 * so that a renamed command or option fails here, naming the guide and its line.
 */
class GuideCommandsTest {

  private static final String JAR = "consumer/target/consumer.jar";

  /** The guides, relative to the repository's root. */
  private static final List<String> GUIDES =
      List.of(
          "README.md",
          "keys/README.md",
          "datasources/README.md",
          "publisher/README.md",
          "consumer/README.md");

  /** One command line of a guide: where it starts and its arguments after the jar. */
  record GuideCommand(String file, int line, List<String> args) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + String.join(" ", args);
    }
  }

  @Test
  void everyCommandOfTheGuidesParses() throws IOException {
    Path root = repositoryRoot();
    List<GuideCommand> commands = new ArrayList<>();
    for (String guide : GUIDES) {
      Path file = root.resolve(guide);
      assertTrue(Files.isRegularFile(file), "missing guide " + file);
      commands.addAll(commands(guide, Files.readAllLines(file, StandardCharsets.UTF_8)));
    }
    List<String> failures = new ArrayList<>();
    for (GuideCommand command : commands) {
      String problem = parseProblem(command.args());
      if (problem != null) {
        failures.add(command + "\n    " + problem);
      }
    }
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " command line(s) of the guides no longer parse against the code:\n"
            + String.join("\n", failures));
    // Guards against an extractor that silently finds nothing.
    assertTrue(commands.size() >= MIN_COMMANDS, "only " + commands.size() + " command lines found");
    System.out.println(
        "GuideCommandsTest: " + commands.size() + " command lines of consumer.jar parse");
  }

  private static final int MIN_COMMANDS = 15;

  @Test
  void aBrokenGuideLineIsReportedWithItsFileAndLine() {
    List<String> guide =
        List.of(
            "Some text, and `java -jar " + JAR + " inline --ignored`.",
            "```",
            "$ java -jar " + JAR + " --help",
            "output line, ignored",
            "java -jar " + JAR + " no-such-command \\",
            "    --with 'a quoted value' \"and another\"",
            "```");
    List<GuideCommand> commands = commands("GUIDE.md", guide);
    assertEquals(2, commands.size());
    assertEquals(List.of("--help"), commands.get(0).args());
    assertEquals(3, commands.get(0).line());
    assertEquals(
        List.of("no-such-command", "--with", "a quoted value", "and another"),
        commands.get(1).args());
    assertEquals(5, commands.get(1).line());
    assertNull(parseProblem(commands.get(0).args()));
    assertNotNull(parseProblem(commands.get(1).args()));
  }

  @Test
  void splitsLikeAShell() {
    assertEquals(
        List.of("a", "b c", "d'e", "f\"g", "h i", "$TOKEN"),
        words("a 'b c' \"d'e\" 'f\"g' h\\ i $TOKEN | jq . > out.json"));
    assertEquals(List.of("x", "y"), words("x y # a comment"));
    assertEquals(List.of("x"), words("x && rm -r y"));
  }

  /** Null when {@code args} parse, else why not. */
  private static String parseProblem(List<String> args) {
    try {
      ConsumerCli.commandLine().parseArgs(args.toArray(String[]::new));
      return null;
    } catch (CommandLine.ParameterException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** The command lines of {@code JAR} in the fenced code blocks of one guide. */
  static List<GuideCommand> commands(String file, List<String> lines) {
    List<GuideCommand> found = new ArrayList<>();
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (!fenced) {
        continue;
      }
      if (line.startsWith("$ ")) {
        line = line.substring(2).strip();
      }
      int start = i;
      StringBuilder joined = new StringBuilder();
      while (line.endsWith("\\") && i + 1 < lines.size()) {
        joined.append(line, 0, line.length() - 1).append(' ');
        i++;
        line = lines.get(i).strip();
      }
      joined.append(line);
      List<String> words = words(joined.toString());
      int jar = jarIndex(words);
      if (jar >= 0) {
        found.add(
            new GuideCommand(file, start + 1, List.copyOf(words.subList(jar + 1, words.size()))));
      }
    }
    return found;
  }

  /** The index of the jar in {@code java -jar JAR ...}, or -1 when the line does not run it. */
  private static int jarIndex(List<String> words) {
    for (int w = 0; w + 2 < words.size(); w++) {
      if (words.get(w).equals("java")
          && words.get(w + 1).equals("-jar")
          && words.get(w + 2).endsWith(JAR)) {
        return w + 2;
      }
    }
    return -1;
  }

  /**
   * The words of a shell command line, with single and double quotes and backslash escapes, up to
   * the first unquoted pipe, list operator, redirection or comment.
   */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\'
            && i + 1 < text.length()
            && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if ("|;&<>".indexOf(c) >= 0 || c == '#' && !inWord) {
        break;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** The folder that holds the guides, from the module's folder or the repository's root. */
  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("keys/README.md"))
          && Files.isRegularFile(d.resolve("README.md"))) {
        return d;
      }
    }
    throw new AssertionError("no repository root with the guides above " + dir);
  }
}
