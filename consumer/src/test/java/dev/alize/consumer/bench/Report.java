package dev.alize.consumer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The table the benchmark prints and the same figures as JSON. */
final class Report {

  private final Machine machine;
  private final List<Row> rows = new ArrayList<>();
  private final Instant started = Instant.now();

  Report(Machine machine) {
    this.machine = machine;
  }

  String machineShown() {
    return machine.shown();
  }

  void add(Row row) {
    rows.add(row);
  }

  void addAll(List<Row> more) {
    rows.addAll(more);
  }

  /** The table: measure, ours, baseline, ratio, goal, verdict; then each row's note. */
  void print(PrintStream out) {
    String[] head = {"#", "measure", "ours", "baseline", "ratio", "goal", ""};
    List<String[]> lines = new ArrayList<>();
    lines.add(head);
    int n = 0;
    for (Row r : rows) {
      lines.add(
          new String[] {
            Integer.toString(++n),
            r.measure(),
            r.ours() == null ? "—" : r.ours().shown(),
            r.baseline() == null ? "—" : r.baseline().shown(),
            r.ratio() == null ? "—" : Figure.format(r.ratio()) + "×",
            r.goal(),
            switch (r.verdict()) {
              case MET -> "met";
              case MISSED -> "MISSED";
              case INFO -> "";
              case NOT_RUN -> "not run";
            }
          });
    }
    int[] width = new int[head.length];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    out.println();
    out.println("Machine: " + machine.shown());
    out.println();
    for (String[] l : lines) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        b.append(String.format("%-" + width[i] + "s", l[i]));
        if (i < l.length - 1) {
          b.append("  ");
        }
      }
      out.println(b.toString().stripTrailing());
    }
    out.println();
    n = 0;
    for (Row r : rows) {
      n++;
      if (r.note() != null && !r.note().isBlank()) {
        out.println(n + ". " + r.note());
      }
    }
  }

  void writeJson(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("started", started.toString());
    root.put("finished", Instant.now().toString());
    ObjectNode m = root.putObject("machine");
    m.put("cpu", machine.cpu());
    m.put("cores", machine.cores());
    m.put("memory_mb", machine.memoryMb());
    m.put("jdk", machine.jdk());
    m.put("os", machine.os());
    ArrayNode list = root.putArray("rows");
    for (Row r : rows) {
      ObjectNode o = list.addObject();
      o.put("id", r.id());
      o.put("measure", r.measure());
      figure(o, "ours", r.ours());
      figure(o, "baseline", r.baseline());
      if (r.ratio() != null) {
        o.put("ratio", r.ratio());
      }
      o.put("goal", r.goal());
      o.put("verdict", r.verdict().name().toLowerCase(java.util.Locale.ROOT));
      o.put("note", r.note());
    }
    Files.createDirectories(file.getParent());
    json.writeValue(file.toFile(), root);
  }

  private static void figure(ObjectNode o, String name, Figure f) {
    if (f == null) {
      return;
    }
    ObjectNode n = o.putObject(name);
    n.put("median", f.median());
    n.put("min", f.min());
    n.put("max", f.max());
    n.put("unit", f.unit());
    n.put("runs", f.runs());
  }
}
