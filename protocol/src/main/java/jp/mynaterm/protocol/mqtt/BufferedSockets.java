package jp.mynaterm.protocol.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Sockets whose input Paho reads through a buffer. Paho v5 reads every packet's fixed header and
 * remaining length a byte at a time ({@code DataInputStream.readByte} straight on the socket's
 * stream): on a plain socket each byte is a system call, on a TLS socket a locked read of the
 * decrypted record. Profiles of the hub and of {@code bench ingest} had about a sixth of their CPU
 * there. With a buffer in between, those reads are array reads and a PUBLISH body comes out of the
 * buffer in one copy. Output needs none: Paho buffers what it writes and flushes once a packet.
 */
final class BufferedSockets {
  /** A TLS record's plaintext is at most 16 KiB; one buffer holds one. */
  static final int BUFFER = 16 * 1024;

  private BufferedSockets() {}

  /** A plain TCP socket whose input stream is buffered. */
  static final class Plain extends Socket {
    private InputStream in;

    Plain() {}

    Plain(String host, int port) throws IOException {
      super(host, port);
    }

    Plain(String host, int port, InetAddress localHost, int localPort) throws IOException {
      super(host, port, localHost, localPort);
    }

    Plain(InetAddress host, int port) throws IOException {
      super(host, port);
    }

    Plain(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      super(address, port, localAddress, localPort);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) in = new BufferedInputStream(super.getInputStream(), BUFFER);
      return in;
    }
  }

  /**
   * A TLS socket whose input stream is buffered. Paho casts its socket to {@link SSLSocket} (it sets
   * parameters, starts the handshake and checks the session), so this is one, handing every call to
   * the JDK's socket; only {@link #getInputStream} differs.
   */
  static final class Tls extends SSLSocket {
    private final SSLSocket s;
    private InputStream in;

    Tls(SSLSocket delegate) {
      this.s = delegate;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) in = new BufferedInputStream(s.getInputStream(), BUFFER);
      return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return s.getOutputStream();
    }

    // Socket

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      s.connect(endpoint);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      s.connect(endpoint, timeout);
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
      s.bind(bindpoint);
    }

    @Override
    public InetAddress getInetAddress() {
      return s.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
      return s.getLocalAddress();
    }

    @Override
    public int getPort() {
      return s.getPort();
    }

    @Override
    public int getLocalPort() {
      return s.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
      return s.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
      return s.getLocalSocketAddress();
    }

    @Override
    public SocketChannel getChannel() {
      return s.getChannel();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws java.net.SocketException {
      s.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws java.net.SocketException {
      return s.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws java.net.SocketException {
      s.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws java.net.SocketException {
      return s.getSoLinger();
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
      s.sendUrgentData(data);
    }

    @Override
    public void setOOBInline(boolean on) throws java.net.SocketException {
      s.setOOBInline(on);
    }

    @Override
    public boolean getOOBInline() throws java.net.SocketException {
      return s.getOOBInline();
    }

    @Override
    public void setSoTimeout(int timeout) throws java.net.SocketException {
      s.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws java.net.SocketException {
      return s.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws java.net.SocketException {
      s.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws java.net.SocketException {
      return s.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws java.net.SocketException {
      s.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws java.net.SocketException {
      return s.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws java.net.SocketException {
      s.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws java.net.SocketException {
      return s.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws java.net.SocketException {
      s.setTrafficClass(tc);
    }

    @Override
    public int getTrafficClass() throws java.net.SocketException {
      return s.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws java.net.SocketException {
      s.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws java.net.SocketException {
      return s.getReuseAddress();
    }

    @Override
    public void close() throws IOException {
      s.close();
    }

    @Override
    public void shutdownInput() throws IOException {
      s.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
      s.shutdownOutput();
    }

    @Override
    public String toString() {
      return s.toString();
    }

    @Override
    public boolean isConnected() {
      return s.isConnected();
    }

    @Override
    public boolean isBound() {
      return s.isBound();
    }

    @Override
    public boolean isClosed() {
      return s.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
      return s.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
      return s.isOutputShutdown();
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
      s.setOption(name, value);
      return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
      return s.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
      return s.supportedOptions();
    }

    // SSLSocket

    @Override
    public String[] getSupportedCipherSuites() {
      return s.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
      return s.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
      s.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
      return s.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
      return s.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
      s.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
      return s.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
      return s.getHandshakeSession();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
      s.addHandshakeCompletedListener(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
      s.removeHandshakeCompletedListener(listener);
    }

    @Override
    public void startHandshake() throws IOException {
      s.startHandshake();
    }

    @Override
    public void setUseClientMode(boolean mode) {
      s.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
      return s.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
      s.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
      return s.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
      s.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
      return s.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
      s.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
      return s.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
      return s.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
      s.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
      return s.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
      return s.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
      s.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
      return s.getHandshakeApplicationProtocolSelector();
    }
  }
}
