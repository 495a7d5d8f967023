package io.loglake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A port on 127.0.0.1 where nothing listens and nothing else can start listening while this is
 * open: a socket is bound to it but never connected or listening, so a connection to it is refused
 * (rather than a port picked, released and hoped to stay free, which another process may take).
 */
public final class ClosedPort implements AutoCloseable {
  private final Socket socket = new Socket();

  public ClosedPort() {
    try {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
