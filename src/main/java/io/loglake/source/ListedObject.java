package io.loglake.source;

/**
 * One raw object as a listing saw it. Two listings of the same unchanged object give equal values;
 * an object written again under the same name (a new size or modification time) does not.
 *
 * @param path the fully qualified path, as {@link RawFiles.RawFile#path()} names it
 * @param modificationTime milliseconds since the epoch, as the file system reports it
 */
public record ListedObject(String path, long length, long modificationTime) {
  RawFiles.RawFile rawFile() {
    return new RawFiles.RawFile(path, length);
  }
}
