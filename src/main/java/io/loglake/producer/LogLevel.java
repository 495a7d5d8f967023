package io.loglake.producer;

/** The levels the generator emits, in the order {@link LevelWeights} lists their weights. */
public enum LogLevel {
  INFO,
  WARN,
  ERROR
}
