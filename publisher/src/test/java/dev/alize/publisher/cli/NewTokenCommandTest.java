package dev.alize.publisher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alize.common.token.TokenValue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code new-token}: what it prints, and the names it refuses. */
class NewTokenCommandTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = PublisherCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "new-token";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(cli.execute(all), out.toString(), err.toString());
  }

  @Test
  void newToken_printsTheTokenThenTheConfigurationWithItsHash() {
    Run run =
        run(
            "--name",
            "ci",
            "--datasource",
            "eole",
            "--datasource",
            "acme-monitoring",
            "--datasource",
            "eole");
    assertEquals(0, run.exit(), run::err);
    Matcher m = Pattern.compile("\\Atoken: ([A-Za-z0-9_-]{43})\n").matcher(run.out());
    assertTrue(m.find(), run::out);
    String token = m.group(1);
    assertEquals(
        "token: "
            + token
            + "\n\n"
            + "# Shown once: hand it to the client, which sends 'Authorization: Bearer TOKEN'.\n"
            + "# Add this to the --config file of publisher serve, and restart it:\n"
            + "alize:\n"
            + "  publisher:\n"
            + "    api:\n"
            + "      tokens:\n"
            + "        ci:\n"
            + "          sha256: "
            + TokenValue.sha256Hex(token)
            + "\n"
            + "          datasources: [eole, acme-monitoring]\n",
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void newToken_twice_givesTwoTokens() {
    assertTrue(
        !run("--name", "a", "--datasource", "eole")
            .out()
            .equals(run("--name", "a", "--datasource", "eole").out()));
  }

  @Test
  void newToken_badNames_areUsageErrors() {
    Run name = run("--name", "CI Bot", "--datasource", "eole");
    assertEquals(2, name.exit());
    assertTrue(
        name.err().startsWith("usage error: --name: invalid token name 'CI Bot'"), name::err);
    assertEquals("", name.out());

    Run datasource = run("--name", "ci", "--datasource", "../eole");
    assertEquals(2, datasource.exit());
    assertTrue(
        datasource.err().startsWith("usage error: --datasource: invalid datasource name '../eole'"),
        datasource::err);
    assertEquals("", datasource.out());

    Run none = run("--name", "ci");
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("--datasource"), none::err);
  }
}
