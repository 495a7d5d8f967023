package io.loglake.cli.produce;

/**
 * An option group that says in its own words why a sink that does not read it cannot take its
 * options; without it {@link SinkScope} says "it applies (they apply) to --sink ... only".
 */
interface ExplainsScope {
  /**
   * @param sinks the sinks that read the group, e.g. "firehose, s3 and local"
   * @return the reason after "Cannot use OPTIONS with --sink NAME: "
   */
  String onlyFor(String sinks);
}
