package io.mtapi.harness.reference;
/** TEMPORARY STUB */
public final class ReferenceTarget implements AutoCloseable {
  public static ReferenceTarget start(ReferenceSettings s) { return null; }
  public String baseUrl() { return null; }
  public void close() {}
}
