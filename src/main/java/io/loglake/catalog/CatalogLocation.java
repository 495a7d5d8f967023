package io.loglake.catalog;

import java.util.Locale;

/**
 * Storage locations as a catalog records them. Hadoop names S3 {@code s3a://} (or the old {@code
 * s3n://}); Athena, Glue, Redshift Spectrum and EMR name it {@code s3://}, and Athena cannot read a
 * table whose location is {@code s3a://}. So every location that enters a catalog goes through
 * {@link #forCatalog}, and two locations are the same when {@link #same} says so, whichever scheme
 * each was written with.
 */
public final class CatalogLocation {
  private CatalogLocation() {}

  /** {@code s3a://b/x} and {@code s3n://b/x} as {@code s3://b/x}; any other location unchanged. */
  public static String forCatalog(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    for (String hadoopScheme : new String[] {"s3a://", "s3n://"}) {
      if (lower.startsWith(hadoopScheme)) {
        return "s3://" + location.substring(hadoopScheme.length());
      }
    }
    return location;
  }

  /**
   * True when {@code a} and {@code b} name the same folder: equal in their catalog form, ignoring
   * trailing slashes ({@code s3://b/x} is {@code s3a://b/x/}).
   */
  public static boolean same(String a, String b) {
    return comparable(a).equals(comparable(b));
  }

  private static String comparable(String location) {
    return forCatalog(location).replaceAll("/+$", "");
  }
}
