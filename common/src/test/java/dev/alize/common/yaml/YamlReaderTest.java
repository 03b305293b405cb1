package dev.alize.common.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.alize.common.error.Problem;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

  private final YamlReader reader = new YamlReader(YamlLimits.DEFAULT);

  private static Problem only(YamlReadResult result) {
    assertEquals(1, result.problems().size(), () -> result.problems().toString());
    return result.problems().get(0);
  }

  @Test
  void read_keepsTextKindAndPosition() {
    YamlReadResult result = reader.read("f.yaml", "a: 1\nb: '2'\nc: [x, true]\n");
    YamlMapping root = assertInstanceOf(YamlMapping.class, result.root().orElseThrow());
    YamlScalar a = assertInstanceOf(YamlScalar.class, root.entries().get("a").value());
    assertEquals(ScalarKind.INTEGER, a.kind());
    assertEquals(new Position(1, 4), a.position());
    YamlScalar b = assertInstanceOf(YamlScalar.class, root.entries().get("b").value());
    assertEquals(ScalarKind.STRING, b.kind());
    YamlSequence c = assertInstanceOf(YamlSequence.class, root.entries().get("c").value());
    assertEquals(ScalarKind.BOOLEAN, ((YamlScalar) c.items().get(1)).kind());
    assertTrue(result.problems().isEmpty());
  }

  @Test
  void read_refusesNul_whichPostgresqlCannotStore() {
    Problem p = only(reader.read("f.yaml", "name: x\ntitle: \"Dijon\\0\"\n"));
    assertEquals(
        new Problem(
            "f.yaml",
            2,
            8,
            "the value holds the control character U+0000 at character 6; text may hold tabs and"
                + " newlines, no other control character"),
        p);
  }

  @Test
  void read_refusesLoneSurrogate() {
    Problem p = only(reader.read("f.yaml", "description: \"a\\uD800b\"\n"));
    assertEquals(
        "the value holds a lone surrogate U+D800 at character 2, not Unicode", p.message());
    assertEquals(1, p.line());
  }

  @Test
  void read_refusesTerminalEscapeInAKey() {
    Problem p = only(reader.read("f.yaml", "\"a\\e[31m\": 1\n"));
    assertTrue(p.message().startsWith("the value holds the control character U+001B"), p.message());
  }

  @Test
  void read_acceptsTabsNewlinesAndCharactersBeyondTheBasicPlane() {
    YamlReadResult result =
        reader.read("f.yaml", "a: \"tab\\there\"\nb: |\n  two\n  lines\nc: \"\\U0001F600\"\n");
    assertTrue(result.problems().isEmpty(), result.problems().toString());
  }

  @Test
  void read_refusesAMebibyteLongComment_beforeTheYamlReaderCopiesIt() {
    String text = "name: x\n# " + "a".repeat(1 << 20) + "\n";
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    Problem p = only(reader.read("f.yaml", text));

    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(
        new Problem(
            "f.yaml", 2, 1, "line is 1048578 characters long, more than the limit of 66560"),
        p);
    assertTrue(allocated < 64L << 20, allocated + " bytes allocated to refuse it");
  }

  @Test
  void read_acceptsAPlainListOf99000Items_eachNodeCountedOnce() {
    StringBuilder yaml = new StringBuilder("items:\n");
    yaml.append("  - 1\n".repeat(99_000));
    YamlReadResult result = reader.read("f.yaml", yaml.toString());
    assertEquals(List.of(), result.problems());
    YamlMapping root = assertInstanceOf(YamlMapping.class, result.root().orElseThrow());
    YamlSequence items = assertInstanceOf(YamlSequence.class, root.entries().get("items").value());
    assertEquals(99_000, items.items().size());
  }

  @Test
  void read_refusesAPlainListBeyondTheNodeLimit_withoutBlamingAliases() {
    Problem p = only(reader.read("f.yaml", "items:\n" + "  - 1\n".repeat(100_000)));
    assertEquals("document expands to more than 100000 nodes", p.message());
  }

  @Test
  void read_rejectsBillionLaughs() {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
      }
      yaml.append("]\n");
      previous = c;
    }
    YamlReadResult result = reader.read("bomb.yaml", yaml.toString());
    assertTrue(result.root().isEmpty());
    assertTrue(
        only(result).message().contains("aliases") || only(result).message().contains("expands"),
        only(result).message());
  }

  @Test
  void read_rejectsExpansionBeyondNodeLimitWithFewAliases() {
    // 2^20 nodes from 40 aliases: under the alias limit, stopped by the expansion limit.
    StringBuilder yaml = new StringBuilder("l0: &l0 [x, x]\n");
    for (int i = 1; i <= 20; i++) {
      yaml.append("l").append(i).append(": &l").append(i);
      yaml.append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
    }
    YamlReadResult result = reader.read("bomb.yaml", yaml.toString());
    assertTrue(result.root().isEmpty());
    assertTrue(only(result).message().contains("expands to more than 100000 nodes"));
  }

  @Test
  void read_rejectsJavaTypeTag() {
    YamlReadResult result =
        reader.read(
            "evil.yaml",
            "name: x\nengine: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                + " [[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n");
    Problem p = only(result);
    assertTrue(result.root().isEmpty());
    assertEquals(2, p.line());
    assertTrue(p.message().contains("tag !!javax.script.ScriptEngineManager is not allowed"));
  }

  @Test
  void read_rejectsLocalTagOnScalar() {
    Problem p = only(reader.read("evil.yaml", "a: !custom value\n"));
    assertTrue(p.message().contains("tag !custom is not allowed"), p.message());
  }

  @Test
  void read_reportsDuplicateKeyWithBothLines() {
    YamlReadResult result = reader.read("dup.yaml", "name: a\ntitle: b\nname: c\n");
    Problem p = only(result);
    assertEquals(3, p.line());
    assertEquals("duplicate key 'name' (first at line 1)", p.message());
    YamlMapping root = (YamlMapping) result.root().orElseThrow();
    assertEquals("a", ((YamlScalar) root.entries().get("name").value()).text());
  }

  @Test
  void read_rejectsDeepNesting() {
    String yaml = "a: " + "[".repeat(60) + "]".repeat(60) + "\n";
    YamlReadResult result = reader.read("deep.yaml", yaml);
    assertTrue(result.root().isEmpty());
    assertTrue(
        result.problems().get(0).message().contains("nesting"), result.problems().toString());
  }

  @Test
  void read_rejectsScalarAboveLimit() {
    YamlReader small = new YamlReader(new YamlLimits(1 << 20, 100, 50, 50, 1000));
    Problem p = only(small.read("big.yaml", "a: b\nc: " + "x".repeat(101) + "\n"));
    assertEquals(2, p.line());
    assertEquals("value is 101 characters long, more than the limit of 100", p.message());
  }

  @Test
  void read_rejectsEmptyAndCommentOnlyDocuments() {
    assertEquals("file is empty", only(reader.read("e.yaml", "")).message());
    assertEquals("file is empty", only(reader.read("e.yaml", "# nothing\n")).message());
  }

  @Test
  void read_rejectsSeveralDocuments() {
    Problem p = only(reader.read("two.yaml", "a: 1\n---\nb: 2\n"));
    assertEquals("only one YAML document is allowed per file", p.message());
  }

  @Test
  void read_reportsSyntaxErrorAtItsLine() {
    Problem p = only(reader.read("bad.yaml", "a: 1\nb: [unclosed\nc: 3\n"));
    assertTrue(p.message().startsWith("invalid YAML"), p.message());
    assertTrue(p.line() >= 2, p.toString());
  }

  @Test
  void read_rejectsRecursiveAlias() {
    YamlReadResult result = reader.read("loop.yaml", "a: &a [*a]\n");
    assertTrue(result.root().isEmpty());
    assertEquals(
        List.of("unknown alias *a"), result.problems().stream().map(Problem::message).toList());
  }

  @Test
  void read_rejectsCollectionAsKey() {
    Problem p = only(reader.read("key.yaml", "? [a, b]\n: c\nd: e\n"));
    assertEquals("a key must be a plain name, not a list", p.message());
  }
}
