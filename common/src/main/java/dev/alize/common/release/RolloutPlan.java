package dev.alize.common.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast a release reaches the sites: steps of a growing percentage at given times, and a halt
 * when the rollout was stopped. It is part of the release facts, under the targets role's
 * signature, so a mirror can neither hurry nor hold back a plan; times are absolute, so every site
 * computes the same percentage from its own clock.
 *
 * @param steps at least one, percentages strictly growing from 1 to 100, times strictly growing
 * @param halt null unless the rollout is stopped: then no site newly takes the release
 */
public record RolloutPlan(List<Step> steps, Halt halt) {

  /** The most steps a plan has. */
  public static final int MAX_STEPS = 20;

  /** The longest a plan may last, from its first step to its last. */
  public static final Duration MAX_SPAN = Duration.ofDays(366);

  /** The longest plan text read, so that a hostile one costs nothing to refuse. */
  private static final int MAX_TEXT = 200;

  private static final Pattern INTERVAL = Pattern.compile("([0-9]{1,4})\\s*([mhdw])");

  /** From this time on, the share of the sites that may take the release. */
  public record Step(int percent, Instant at) {}

  /** Why and when the rollout was stopped. */
  public record Halt(String reason, Instant at) {}

  /** The share of sites a site waits for, and from when it is expected, or null if unknown. */
  public record Wait(int percentNow, Instant expectedFrom) {}

  public RolloutPlan {
    steps = List.copyOf(steps);
    if (steps.isEmpty() || steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException(
          "a rollout plan has 1 to " + MAX_STEPS + " steps, not " + steps.size());
    }
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step.percent() < 1 || step.percent() > 100) {
        throw new IllegalArgumentException(
            "a rollout plan's percentages are 1 to 100, not " + step.percent());
      }
      if (i > 0 && step.percent() <= steps.get(i - 1).percent()) {
        throw new IllegalArgumentException(
            "a rollout plan's percentages must grow: "
                + step.percent()
                + "% after "
                + steps.get(i - 1).percent()
                + "%");
      }
      if (i > 0 && !step.at().isAfter(steps.get(i - 1).at())) {
        throw new IllegalArgumentException(
            "a rollout plan's steps must follow each other in time: "
                + step.at()
                + " after "
                + steps.get(i - 1).at());
      }
    }
    if (Duration.between(steps.get(0).at(), steps.get(steps.size() - 1).at()).compareTo(MAX_SPAN)
        > 0) {
      throw new IllegalArgumentException(
          "a rollout plan lasts at most " + MAX_SPAN.toDays() + " days");
    }
  }

  /**
   * Reads a plan as maintainers write it, starting at {@code start}: {@code 100%} or {@code 10%}
   * for a percentage now, or {@code 5%,25%,50%,100% every 1d} for steps over time, the first one
   * now ({@code m}, {@code h}, {@code d} and {@code w} for minutes, hours, days and weeks).
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static RolloutPlan parse(String text, Instant start) {
    if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          "a rollout plan is a percentage ('25%') or steps ('5%,25%,100% every 1d'), at most "
              + MAX_TEXT
              + " characters");
    }
    String t = text.strip();
    int every = t.indexOf("every");
    String[] parts = (every < 0 ? t : t.substring(0, every)).split(",", -1);
    if (parts.length > MAX_STEPS) {
      throw new IllegalArgumentException(
          "a rollout plan has at most " + MAX_STEPS + " steps, not " + parts.length);
    }
    Duration apart = Duration.ZERO;
    if (every >= 0) {
      Matcher m = INTERVAL.matcher(t.substring(every + "every".length()).strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "cannot read the interval in the rollout plan '"
                + text
                + "': write it as '30m', '6h', '1d' or '1w'");
      }
      apart = duration(m.group(1), m.group(2));
      if (apart.isZero()) {
        throw new IllegalArgumentException(
            "the steps of a rollout plan must be apart, not 'every " + m.group(0) + "'");
      }
    } else if (parts.length > 1) {
      throw new IllegalArgumentException(
          "the rollout plan '"
              + t
              + "' has several steps: say how far apart, as in '"
              + t
              + " every 1d'");
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      steps.add(new Step(percent(parts[i], text), start.plus(apart.multipliedBy(i))));
    }
    return new RolloutPlan(steps, null);
  }

  private static Duration duration(String amount, String unit) {
    long n = Long.parseLong(amount);
    return switch (unit) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  private static int percent(String part, String text) {
    String p = part.strip();
    if (p.endsWith("%")) {
      p = p.substring(0, p.length() - 1).strip();
    }
    if (!p.matches("[0-9]{1,3}")) {
      throw new IllegalArgumentException(
          "'" + part.strip() + "' in the rollout plan '" + text + "' is not a percentage");
    }
    return Integer.parseInt(p);
  }

  /** The share of sites that may take the release at {@code now}, halt or not: 0 to 100. */
  public int percentAt(Instant now) {
    int percent = 0;
    for (Step step : steps) {
      if (!step.at().isAfter(now)) {
        percent = step.percent();
      }
    }
    return percent;
  }

  public boolean halted() {
    return halt != null;
  }

  /**
   * Whether a site in {@code bucket} waits at {@code now}, halt aside, and for what.
   *
   * @return empty when the site may take the release now
   */
  public Optional<Wait> waitFor(int bucket, RolloutMode mode, Instant now) {
    int percent = percentAt(now);
    boolean admitted =
        switch (mode) {
          case EARLY -> true;
          case PHASED -> bucket < percent * RolloutBucket.PER_PERCENT;
          case LATE -> percent == 100;
        };
    if (admitted) {
      return Optional.empty();
    }
    int needed = mode == RolloutMode.LATE ? RolloutBucket.ALL - 1 : bucket;
    Instant expected =
        steps.stream()
            .filter(s -> s.percent() * RolloutBucket.PER_PERCENT > needed)
            .map(Step::at)
            .findFirst()
            .orElse(null);
    return Optional.of(new Wait(percent, expected));
  }

  /** This plan stopped at {@code at}. */
  public RolloutPlan halt(String reason, Instant at) {
    return new RolloutPlan(steps, new Halt(reason, at));
  }

  /**
   * This plan going on at {@code now} from where it was halted: the steps still ahead at the halt
   * move later by the time it lasted, so that no site takes the release sooner for the halt.
   */
  public RolloutPlan resume(Instant now) {
    if (halt == null) {
      return this;
    }
    Duration stopped = Duration.between(halt.at(), now);
    if (stopped.isNegative()) {
      stopped = Duration.ZERO;
    }
    List<Step> moved = new ArrayList<>();
    for (Step step : steps) {
      moved.add(
          step.at().isAfter(halt.at()) ? new Step(step.percent(), step.at().plus(stopped)) : step);
    }
    return new RolloutPlan(moved, null);
  }

  /** The plan in one line: {@code 5% from 2026-12-06T10:00:00Z, 25% from ...}. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (Step step : steps) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(step.percent()).append("% from ").append(step.at());
    }
    if (halt != null) {
      out.append("; halted at ").append(halt.at()).append(": ").append(halt.reason());
    }
    return out.toString();
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    steps.forEach(
        s ->
            json.withArray("steps")
                .addObject()
                .put("percent", s.percent())
                .put("at", s.at().toString()));
    if (halt != null) {
      json.putObject("halted").put("reason", halt.reason()).put("at", halt.at().toString());
    }
    return json;
  }

  /**
   * Reads a plan from release facts.
   *
   * @throws IllegalArgumentException naming the field at fault
   */
  public static RolloutPlan fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("release facts: 'rollout' must be an object");
    }
    JsonNode steps = json.get("steps");
    if (steps == null || !steps.isArray() || steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException(
          "release facts: 'rollout.steps' must be a list of at most " + MAX_STEPS + " steps");
    }
    List<Step> read = new ArrayList<>();
    for (JsonNode step : steps) {
      JsonNode percent = step.get("percent");
      if (percent == null || !percent.isIntegralNumber() || !percent.canConvertToInt()) {
        throw new IllegalArgumentException(
            "release facts: 'rollout.steps[].percent' must be an integer");
      }
      read.add(
          new Step(percent.intValue(), ReleaseFacts.instant(step, "at", "rollout.steps[].at")));
    }
    Halt halt = null;
    JsonNode halted = json.get("halted");
    if (halted != null) {
      JsonNode reason = halted.get("reason");
      if (reason == null || !reason.isTextual()) {
        throw new IllegalArgumentException(
            "release facts: 'rollout.halted.reason' must be a string");
      }
      halt = new Halt(reason.textValue(), ReleaseFacts.instant(halted, "at", "rollout.halted.at"));
    }
    return new RolloutPlan(read, halt);
  }
}
