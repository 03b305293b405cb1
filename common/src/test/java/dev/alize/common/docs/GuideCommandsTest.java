package dev.alize.common.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alize.common.docs.GuideCommands.GuideCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuideCommandsTest {

  private static final String JAR = "consumer/target/consumer.jar";

  @Test
  void findsTheJarsLinesInCodeBlocks_withPromptsAndContinuations() {
    List<String> guide =
        List.of(
            "Some text, and `java -jar " + JAR + " inline --ignored`.",
            "```",
            "$ java -jar " + JAR + " --help",
            "output line, ignored",
            "java -jar publisher/target/publisher.jar another-jar",
            "java -jar " + JAR + " no-such-command \\",
            "    --with 'a quoted value' \"and another\"",
            "```");
    List<GuideCommand> commands = GuideCommands.commands(JAR, "GUIDE.md", guide);
    assertEquals(2, commands.size());
    assertEquals(List.of("--help"), commands.get(0).args());
    assertEquals(3, commands.get(0).line());
    assertEquals(
        List.of("no-such-command", "--with", "a quoted value", "and another"),
        commands.get(1).args());
    assertEquals(6, commands.get(1).line());
  }

  @Test
  void splitsLikeAShell() {
    assertEquals(
        List.of("a", "b c", "d'e", "f\"g", "h i", "$TOKEN"),
        GuideCommands.words("a 'b c' \"d'e\" 'f\"g' h\\ i $TOKEN | jq . > out.json"));
    assertEquals(List.of("x", "y"), GuideCommands.words("x y # a comment"));
    assertEquals(List.of("x"), GuideCommands.words("x && rm -r y"));
  }
}
