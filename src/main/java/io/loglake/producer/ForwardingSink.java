package io.loglake.producer;

/**
 * A sink that hands everything to another one: the base of the raw-zone sinks, which are a {@link
 * RawZoneSink} over a particular object store plus their own construction and accessors.
 */
abstract class ForwardingSink implements RecordSink {
  private final RecordSink delegate;

  ForwardingSink(RecordSink delegate) {
    this.delegate = delegate;
  }

  @Override
  public void send(LogRecord record) {
    delegate.send(record);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public SinkStats stats() {
    return delegate.stats();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
