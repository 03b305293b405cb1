package dev.alize.consumer.cli;

import dev.alize.common.cli.HelpTexts;
import org.junit.jupiter.api.Test;

/** Every command's help tells what each of its options and parameters is, in whole sentences. */
class HelpTextTest {

  @Test
  void everyOptionAndParameterIsDescribed() {
    HelpTexts.assertEveryArgumentDescribed(ConsumerCli.commandLine());
  }

  @Test
  void everyCommandSummaryIsAWholeSentenceShownWhole() {
    HelpTexts.assertSummariesWhole(ConsumerCli.commandLine());
  }

  @Test
  void eachCommandBuiltAloneAnswersAsInTheWholeTree() {
    HelpTexts.assertLazyTreeAlike(ConsumerCli.commandLine(), ConsumerCli::forArguments);
  }

  @Test
  void everyCommandsHelpFormatsWithoutAWarning() {
    HelpTexts.assertHelpFormats(ConsumerCli.commandLine());
  }
}
