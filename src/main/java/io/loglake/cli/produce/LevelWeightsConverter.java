package io.loglake.cli.produce;

import io.loglake.producer.LevelWeights;
import picocli.CommandLine;

/** {@code --level-weights INFO,WARN,ERROR}, as {@link LevelWeights#parse} reads it. */
public final class LevelWeightsConverter implements CommandLine.ITypeConverter<LevelWeights> {
  @Override
  public LevelWeights convert(String value) {
    try {
      return LevelWeights.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
