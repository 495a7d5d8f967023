package io.loglake.source;

import io.loglake.schema.RawZoneLayout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the objects of a raw zone laid out as {@link RawZoneLayout} says, either whole or only the
 * hour folders of a window of hours.
 *
 * <p>A window is listed level by level ({@code YYYY}, then {@code MM}, {@code DD}, {@code HH}),
 * descending only into the folders whose span meets the window: the cost is one listing per year,
 * month and day folder that meets the window and one per hour folder inside it, whatever the
 * history before it holds. On S3 each is one delimited LIST request. Names starting with {@code .}
 * or {@code _} are skipped, as {@link RawFileLister} skips them.
 */
final class HourFolderLister {
  /** The objects found, sorted by path, and how many folders were listed to find them. */
  record Listing(List<ListedObject> objects, int foldersListed) {}

  private final FileSystem fs;
  private final Path root;
  private int foldersListed;

  HourFolderLister(FileSystem fs, Path qualifiedRoot) {
    this.fs = fs;
    this.root = qualifiedRoot;
  }

  /** Every object under the root, in any folder (the first incremental run). */
  Listing all() throws IOException {
    List<ListedObject> objects = new ArrayList<>();
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      walk(root, objects);
    } else {
      // Object stores list a whole prefix in a few paged calls: far cheaper than a walk.
      foldersListed++;
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      String prefix = root.toString();
      while (it.hasNext()) {
        LocatedFileStatus file = it.next();
        String path = file.getPath().toString();
        if (file.isFile()
            && !RawFileLister.isHidden(path.substring(Math.min(prefix.length(), path.length())))) {
          objects.add(new ListedObject(path, file.getLen(), file.getModificationTime()));
        }
      }
    }
    return sorted(objects);
  }

  /**
   * The objects in the hour folders from {@code fromHour} to {@code toHour}, both included (and any
   * folders below those hour folders).
   */
  Listing window(Instant fromHour, Instant toHour) throws IOException {
    List<ListedObject> objects = new ArrayList<>();
    for (FileStatus year : folders(root)) {
      Optional<Integer> y = number(year, 4);
      if (y.isEmpty() || !meets(start(y.get(), 1, 1), start(y.get() + 1, 1, 1), fromHour, toHour)) {
        continue;
      }
      for (FileStatus month : folders(year.getPath())) {
        Optional<Integer> m = number(month, 2);
        if (m.isEmpty() || m.get() < 1 || m.get() > 12) {
          continue;
        }
        Instant monthStart = start(y.get(), m.get(), 1);
        if (!meets(
            monthStart,
            monthStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant(),
            fromHour,
            toHour)) {
          continue;
        }
        for (FileStatus day : folders(month.getPath())) {
          Optional<Integer> d = number(day, 2);
          if (d.isEmpty()) {
            continue;
          }
          Instant dayStart;
          try {
            dayStart = start(y.get(), m.get(), d.get());
          } catch (DateTimeException e) {
            continue;
          }
          if (!meets(dayStart, dayStart.plus(1, ChronoUnit.DAYS), fromHour, toHour)) {
            continue;
          }
          for (FileStatus hour : folders(day.getPath())) {
            Optional<Instant> h =
                RawZoneLayout.hourOf(
                    List.of(
                        year.getPath().getName(),
                        month.getPath().getName(),
                        day.getPath().getName(),
                        hour.getPath().getName()));
            if (h.isPresent() && !h.get().isBefore(fromHour) && !h.get().isAfter(toHour)) {
              walk(hour.getPath(), objects);
            }
          }
        }
      }
    }
    return sorted(objects);
  }

  /** The hour folder {@code path} lies in, below the root, or empty when it is in none. */
  static Optional<Instant> hourOf(String rootPath, String path) {
    String root = rootPath.endsWith("/") ? rootPath : rootPath + "/";
    if (!path.startsWith(root)) {
      return Optional.empty();
    }
    String[] parts = path.substring(root.length()).split("/");
    if (parts.length < 5) {
      return Optional.empty();
    }
    return RawZoneLayout.hourOf(List.of(parts[0], parts[1], parts[2], parts[3]));
  }

  private Listing sorted(List<ListedObject> objects) {
    objects.sort(Comparator.comparing(ListedObject::path));
    return new Listing(List.copyOf(objects), foldersListed);
  }

  /** True when [start, end) meets the hours [fromHour, toHour]. */
  private static boolean meets(Instant start, Instant end, Instant fromHour, Instant toHour) {
    return end.isAfter(fromHour) && !start.isAfter(toHour);
  }

  private static Instant start(int year, int month, int day) {
    return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static Optional<Integer> number(FileStatus folder, int digits) {
    String name = folder.getPath().getName();
    if (name.length() != digits || !name.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(name));
  }

  private List<FileStatus> folders(Path folder) throws IOException {
    List<FileStatus> folders = new ArrayList<>();
    for (FileStatus status : list(folder)) {
      if (status.isDirectory()) {
        folders.add(status);
      }
    }
    return folders;
  }

  private void walk(Path folder, List<ListedObject> objects) throws IOException {
    for (FileStatus status : list(folder)) {
      if (status.isDirectory()) {
        walk(status.getPath(), objects);
      } else {
        objects.add(
            new ListedObject(
                status.getPath().toString(), status.getLen(), status.getModificationTime()));
      }
    }
  }

  /** The visible entries of one folder: one listing call; a folder gone meanwhile is empty. */
  private List<FileStatus> list(Path folder) throws IOException {
    foldersListed++;
    FileStatus[] statuses;
    try {
      statuses = fs.listStatus(folder);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<FileStatus> visible = new ArrayList<>();
    for (FileStatus status : statuses) {
      String name = status.getPath().getName();
      if (!name.startsWith(".") && !name.startsWith("_")) {
        visible.add(status);
      }
    }
    return visible;
  }
}
