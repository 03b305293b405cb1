package dev.alize.common.yaml;

import dev.alize.common.error.Problem;
import dev.alize.common.text.TextRule;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML document into an immutable {@link YamlNode} tree, in safe mode.
 *
 * <p>It works on SnakeYAML's event stream rather than its constructor, so that no tag can ever
 * construct a Java object: explicit tags other than the standard scalar and collection tags are
 * refused, aliases are counted and their expansion bounded without being copied, and duplicate keys
 * are reported with both lines. Errors that stop parsing are reported once; the others are
 * collected so that a maintainer sees all of them in one run.
 */
public final class YamlReader {

  private static final Set<String> ALLOWED_TAGS =
      Set.of(
          Tag.STR.getValue(),
          Tag.INT.getValue(),
          Tag.BOOL.getValue(),
          Tag.NULL.getValue(),
          Tag.SEQ.getValue(),
          Tag.MAP.getValue());

  /** Room on a line for a key, quotes and indentation beside the longest scalar. */
  private static final int LINE_MARGIN = 1024;

  private final YamlLimits limits;
  private final Resolver resolver = new Resolver();

  public YamlReader(YamlLimits limits) {
    this.limits = limits;
  }

  /** Reads {@code text}, naming {@code file} in every problem. */
  public YamlReadResult read(String file, String text) {
    return new Run(file).read(text);
  }

  /** The state of one read: documents are read one at a time, never concurrently. */
  private final class Run {
    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private final Deque<Builder> stack = new ArrayDeque<>();
    private int aliases;
    private long expanded;
    private YamlNode root;
    private int documents;

    Run(String file) {
      this.file = file;
    }

    YamlReadResult read(String text) {
      if (text.isBlank()) {
        return fail(Problem.wholeFile(file, "file is empty"));
      }
      Optional<Problem> longLine = longLine(text);
      if (longLine.isPresent()) {
        return fail(longLine.get());
      }
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(limits.maxAliases());
      options.setNestingDepthLimit(limits.maxNestingDepth());
      options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxDocumentBytes()));
      options.setAllowDuplicateKeys(false);
      try {
        ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(text)), options);
        while (parser.peekEvent() != null) {
          Event event = parser.getEvent();
          if (!accept(event)) {
            return new YamlReadResult(java.util.Optional.empty(), problems);
          }
        }
      } catch (MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String reason = e.getProblem() != null ? e.getProblem() : e.getMessage();
        return fail(at(mark, "invalid YAML: " + reason.strip()));
      } catch (YAMLException e) {
        return fail(Problem.wholeFile(file, "invalid YAML: " + e.getMessage()));
      }
      if (root == null) {
        return fail(Problem.wholeFile(file, "file is empty"));
      }
      return new YamlReadResult(java.util.Optional.of(root), problems);
    }

    /**
     * The first line longer than a scalar and its key may be. The YAML reader copies the line it
     * reads as it grows, a thousand characters at a time: a 1 MiB line, even a comment, costs it 2
     * GiB of allocations before any limit of its own applies.
     */
    private Optional<Problem> longLine(String text) {
      int maxLine = limits.maxScalarChars() + LINE_MARGIN;
      int line = 1;
      int start = 0;
      for (int i = 0; i <= text.length(); i++) {
        if (i == text.length() || text.charAt(i) == '\n') {
          if (i - start > maxLine) {
            return Optional.of(
                new Problem(
                    file,
                    line,
                    1,
                    "line is "
                        + (i - start)
                        + " characters long, more than the limit of "
                        + maxLine));
          }
          line++;
          start = i + 1;
        }
      }
      return Optional.empty();
    }

    private YamlReadResult fail(Problem problem) {
      problems.add(problem);
      return new YamlReadResult(java.util.Optional.empty(), problems);
    }

    /** Handles one event; false when reading must stop. */
    private boolean accept(Event event) {
      switch (event.getEventId()) {
        case DocumentStart -> {
          documents++;
          if (documents > 1) {
            problems.add(at(event.getStartMark(), "only one YAML document is allowed per file"));
            return false;
          }
          return true;
        }
        case Scalar -> {
          return scalar((ScalarEvent) event);
        }
        case Alias -> {
          return alias((AliasEvent) event);
        }
        case SequenceStart, MappingStart -> {
          return startCollection((CollectionStartEvent) event);
        }
        case SequenceEnd, MappingEnd -> {
          Builder done = stack.pop();
          // Its children were counted as they were added: the collection counts for itself.
          return add(done.build(), done.anchor, 1);
        }
        default -> {
          return true;
        }
      }
    }

    private boolean scalar(ScalarEvent event) {
      Position position = position(event.getStartMark());
      String value = event.getValue();
      if (value.length() > limits.maxScalarChars()) {
        problems.add(
            new Problem(
                file,
                position.line(),
                position.column(),
                "value is "
                    + value.length()
                    + " characters long, more than the limit of "
                    + limits.maxScalarChars()));
        return false;
      }
      Optional<String> text = TextRule.problem(value);
      if (text.isPresent()) {
        // The document stops here: no text that the rule refuses reaches what reads the tree.
        problems.add(
            new Problem(file, position.line(), position.column(), "the value " + text.get()));
        return false;
      }
      ScalarKind kind;
      String tag = event.getTag();
      if (tag != null) {
        if (!allowedTag(event, tag)) {
          return false;
        }
        kind = kindOf(new Tag(tag));
      } else if (event.getImplicit().canOmitTagInPlainScalar()
          && event.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
        kind = kindOf(resolver.resolve(NodeId.scalar, value, true));
      } else {
        kind = ScalarKind.STRING;
      }
      return add(new YamlScalar(value, kind, position), event.getAnchor(), 1);
    }

    private boolean alias(AliasEvent event) {
      YamlNode target = anchors.get(event.getAnchor());
      if (target == null) {
        problems.add(at(event.getStartMark(), "unknown alias *" + event.getAnchor()));
        return false;
      }
      aliases++;
      if (aliases > limits.maxAliases()) {
        problems.add(
            at(
                event.getStartMark(),
                "more than " + limits.maxAliases() + " aliases in one document"));
        return false;
      }
      // An alias stands for all of its target again.
      return add(target, null, target.expandedSize());
    }

    private boolean startCollection(CollectionStartEvent event) {
      if (event.getTag() != null && !allowedTag(event, event.getTag())) {
        return false;
      }
      if (stack.size() >= limits.maxNestingDepth()) {
        problems.add(
            at(
                event.getStartMark(),
                "nesting deeper than " + limits.maxNestingDepth() + " levels"));
        return false;
      }
      boolean mapping = event.is(Event.ID.MappingStart);
      stack.push(new Builder(mapping, position(event.getStartMark()), event.getAnchor()));
      return true;
    }

    private boolean allowedTag(NodeEvent event, String tag) {
      if (ALLOWED_TAGS.contains(tag)) {
        return true;
      }
      String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
      problems.add(
          at(
              event.getStartMark(),
              "YAML tag "
                  + shown
                  + " is not allowed: only !!str, !!int, !!bool, !!null, !!seq and !!map"));
      return false;
    }

    /**
     * Adds a finished node to its parent, or makes it the document's root; {@code cost} is how many
     * nodes it adds to the document once aliases are expanded.
     */
    private boolean add(YamlNode node, String anchor, long cost) {
      expanded += cost;
      if (expanded > limits.maxExpandedNodes()) {
        Position p = node.position();
        problems.add(
            new Problem(
                file,
                p.line(),
                p.column(),
                "document expands to more than "
                    + limits.maxExpandedNodes()
                    + " nodes"
                    + (aliases > 0 ? " once its aliases are expanded" : "")));
        return false;
      }
      if (anchor != null) {
        anchors.put(anchor, node);
      }
      Builder parent = stack.peek();
      if (parent == null) {
        root = node;
        return true;
      }
      parent.add(node);
      return true;
    }

    private Problem at(Mark mark, String message) {
      Position p = position(mark);
      return new Problem(file, p.line(), p.column(), message);
    }

    /** Collects a collection's children; mapping keys must be unique scalars. */
    private final class Builder {
      private final boolean mapping;
      private final Position position;
      private final String anchor;
      private final List<YamlNode> items = new ArrayList<>();
      private final Map<String, YamlMapping.Entry> entries = new LinkedHashMap<>();
      private YamlScalar pendingKey;
      private boolean skipValue;
      private long size = 1;

      Builder(boolean mapping, Position position, String anchor) {
        this.mapping = mapping;
        this.position = position;
        this.anchor = anchor;
      }

      void add(YamlNode node) {
        size += node.expandedSize();
        if (!mapping) {
          items.add(node);
          return;
        }
        if (pendingKey == null && !skipValue) {
          keyOf(node);
          return;
        }
        if (pendingKey != null) {
          entries.put(pendingKey.text(), new YamlMapping.Entry(pendingKey, node));
        }
        pendingKey = null;
        skipValue = false;
      }

      private void keyOf(YamlNode node) {
        skipValue = true;
        if (!(node instanceof YamlScalar key) || key.kind() == ScalarKind.NULL) {
          Position p = node.position();
          problems.add(
              new Problem(
                  file,
                  p.line(),
                  p.column(),
                  "a key must be a plain name, not " + node.describe()));
          return;
        }
        YamlMapping.Entry first = entries.get(key.text());
        if (first != null) {
          problems.add(
              new Problem(
                  file,
                  key.position().line(),
                  key.position().column(),
                  "duplicate key '"
                      + key.text()
                      + "' (first at line "
                      + first.key().position().line()
                      + ")"));
          return;
        }
        pendingKey = key;
        skipValue = false;
      }

      YamlNode build() {
        return mapping
            ? new YamlMapping(entries, position, size)
            : new YamlSequence(items, position, size);
      }
    }
  }

  private static Position position(Mark mark) {
    return mark == null ? Position.START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static ScalarKind kindOf(Tag tag) {
    if (Tag.INT.equals(tag)) {
      return ScalarKind.INTEGER;
    }
    if (Tag.FLOAT.equals(tag)) {
      return ScalarKind.FLOAT;
    }
    if (Tag.BOOL.equals(tag)) {
      return ScalarKind.BOOLEAN;
    }
    if (Tag.NULL.equals(tag)) {
      return ScalarKind.NULL;
    }
    if (Tag.TIMESTAMP.equals(tag)) {
      return ScalarKind.TIMESTAMP;
    }
    return ScalarKind.STRING;
  }
}
