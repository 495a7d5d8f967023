package io.loglake.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Bad arguments found after parsing, by a command or one of its option groups: a {@link
 * ParameterException} on the command, which {@link Main} prints with the command's usage and exits
 * {@value Main#EXIT_USAGE}.
 */
public final class UsageErrors {
  private UsageErrors() {}

  /** A usage error of {@code command}; {@code message} reads "Cannot ...: reason". */
  public static ParameterException of(CommandSpec command, String message) {
    return new ParameterException(command.commandLine(), message);
  }

  /**
   * What {@code construction} builds; its {@link IllegalArgumentException} becomes a usage error
   * reading {@code action + ": " + its message}, e.g. "Cannot use --buffer-size 0: ...".
   */
  public static <T> T validated(CommandSpec command, Supplier<T> construction, String action) {
    try {
      return construction.get();
    } catch (IllegalArgumentException e) {
      throw of(command, action + ": " + e.getMessage());
    }
  }
}
