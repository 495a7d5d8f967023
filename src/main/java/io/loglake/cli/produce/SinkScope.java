package io.loglake.cli.produce;

import io.loglake.cli.UsageErrors;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The one rule for options of another sink: every option group (mixin) of the command that some
 * {@link SinkKind} reads, but not the chosen one, must not be given. The message names all of the
 * group's options and the sinks that read them, e.g. "Cannot use --bucket, --prefix or --path-style
 * with --sink local: they apply to --sink s3 only".
 */
public final class SinkScope {
  private SinkScope() {}

  /**
   * Throws a usage error of {@code command} for the first group given that {@code sink} ignores.
   */
  public static void check(CommandSpec command, SinkKind sink) {
    ParseResult parsed = command.commandLine().getParseResult();
    for (CommandSpec group : command.mixins().values()) {
      Object options = group.userObject();
      List<String> readers = new ArrayList<>();
      for (SinkKind kind : SinkKind.values()) {
        if (kind.reads(options)) {
          readers.add(kind.cliName());
        }
      }
      if (readers.isEmpty()
          || sink.reads(options)
          || group.options().stream().noneMatch(parsed::hasMatchedOption)) {
        continue;
      }
      List<String> names = group.options().stream().map(OptionSpec::longestName).toList();
      String sinks = joined(readers, "and");
      String reason =
          options instanceof ExplainsScope explains
              ? explains.onlyFor(sinks)
              : (names.size() == 1 ? "it applies" : "they apply") + " to --sink " + sinks + " only";
      throw UsageErrors.of(
          command,
          "Cannot use " + joined(names, "or") + " with --sink " + sink.cliName() + ": " + reason);
    }
  }

  /** "a", "a or b", "a, b or c". */
  private static String joined(List<String> words, String conjunction) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1))
        + " "
        + conjunction
        + " "
        + words.get(words.size() - 1);
  }
}
