package dev.alize.common.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The command lines of the guides: every line of their fenced code blocks that runs one of the
 * jars, so that each module's tests can check its own against its real command line.
 */
public final class GuideCommands {

  /** The guides, relative to the repository's root. */
  public static final List<String> GUIDES =
      List.of(
          "README.md",
          "keys/README.md",
          "datasources/README.md",
          "publisher/README.md",
          "consumer/README.md");

  /** One command line of a guide: where it starts and its arguments after the jar. */
  public record GuideCommand(String file, int line, List<String> args) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + String.join(" ", args);
    }
  }

  private GuideCommands() {}

  /**
   * The command lines of {@code jar} that {@code problem} finds fault with, each as {@code
   * file:line: args} and the problem; fails when fewer than {@code atLeast} lines were found, so
   * that an extractor that finds nothing cannot pass.
   *
   * @param problem null for a line that is fine, else what is wrong with it
   */
  public static List<String> failures(
      String jar, int atLeast, Function<List<String>, String> problem) {
    List<GuideCommand> commands = of(jar);
    if (commands.size() < atLeast) {
      throw new AssertionError("only " + commands.size() + " command lines of " + jar + " found");
    }
    List<String> failures = new ArrayList<>();
    for (GuideCommand command : commands) {
      String why = problem.apply(command.args());
      if (why != null) {
        failures.add(command + "\n    " + why);
      }
    }
    return failures;
  }

  /** Every command line of {@code jar} (as {@code consumer/target/consumer.jar}) in the guides. */
  public static List<GuideCommand> of(String jar) {
    Path root = repositoryRoot();
    List<GuideCommand> commands = new ArrayList<>();
    for (String guide : GUIDES) {
      try {
        commands.addAll(
            commands(jar, guide, Files.readAllLines(root.resolve(guide), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the guide " + root.resolve(guide), e);
      }
    }
    return commands;
  }

  /** The command lines of {@code jar} in the fenced code blocks of one guide. */
  public static List<GuideCommand> commands(String jar, String file, List<String> lines) {
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
      int at = jarIndex(jar, words);
      if (at >= 0) {
        found.add(
            new GuideCommand(file, start + 1, List.copyOf(words.subList(at + 1, words.size()))));
      }
    }
    return found;
  }

  /** The index of the jar in {@code java -jar JAR ...}, or -1 when the line does not run it. */
  private static int jarIndex(String jar, List<String> words) {
    for (int w = 0; w + 2 < words.size(); w++) {
      if (words.get(w).equals("java")
          && words.get(w + 1).equals("-jar")
          && words.get(w + 2).endsWith(jar)) {
        return w + 2;
      }
    }
    return -1;
  }

  /**
   * The words of a shell command line, with single and double quotes and backslash escapes, up to
   * the first unquoted pipe, list operator, redirection or comment.
   */
  public static List<String> words(String text) {
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
